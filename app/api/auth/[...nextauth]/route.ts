import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { withoutMalformedCallbackUrl } from '@/lib/auth/callback';
import { authOptions } from '@/lib/auth/options';
import { guardSignIn, throttleSignIn } from '@/lib/auth/sign-in-guard';
import { runSsoCallback } from '@/lib/auth/sso-sign-in';
import { observeRequest } from '@/lib/metrics/hooks';

const nextAuth = NextAuth(authOptions);
type Ctx = RouteContext<'/api/auth/[...nextauth]'>;

/*
 * next-auth's `_log` endpoint writes whatever an anonymous client posts into
 * the server log, at the level the client names (docs/security.md, A32). Only
 * next-auth/react's client logger posts there, and the console does not use
 * it: the endpoint answers 204 without reading the body.
 */
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  const [action, provider] = (await ctx.params).nextauth;
  if (action === '_log') return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  const tidy = await withoutMalformedCallbackUrl(req);
  // next-auth checks a password only on POST callback/credentials: those wait their turn (lib/auth/sign-in-guard.ts),
  // then are throttled per client and email (counts in the store) before the password is read. The throttle's store
  // work is inside the turn: a flood beyond the waiting line is turned away before it costs a query.
  if (req.method === 'POST' && action === 'callback' && provider === 'credentials')
    return guardSignIn(async () => (await throttleSignIn(req)) ?? ((await nextAuth(tidy, ctx)) as Response));
  // Single sign-on: a callback refused before any callback of ours ran (state, nonce, issuer…) is recorded there.
  if (action === 'callback' && provider && provider !== 'credentials') {
    return runSsoCallback(provider, req.headers, () => nextAuth(tidy, ctx) as Promise<Response>);
  }
  return nextAuth(tidy, ctx) as Promise<Response>;
}

/** Sign-in, sign-out and SSO requests in the same latency series as every other route (`/api/metrics`). */
async function timed(req: NextRequest, ctx: Ctx): Promise<Response> {
  const started = Date.now();
  let status = 500;
  try {
    const res = await handler(req, ctx);
    status = res.status;
    return res;
  } finally {
    observeRequest(req.method, req.nextUrl.pathname, status, Date.now() - started);
  }
}

export { timed as GET, timed as POST };
