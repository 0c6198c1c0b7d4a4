import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { withoutMalformedCallbackUrl } from '@/lib/auth/callback';
import { authOptions } from '@/lib/auth/options';

const nextAuth = NextAuth(authOptions);

/*
 * next-auth's `_log` endpoint writes whatever an anonymous client posts into
 * the server log, at the level the client names (docs/security.md, A32). Only
 * next-auth/react's client logger posts there, and the console does not use
 * it: the endpoint answers 204 without reading the body.
 */
async function handler(req: NextRequest, ctx: RouteContext<'/api/auth/[...nextauth]'>) {
  const { nextauth } = await ctx.params;
  if (nextauth[0] === '_log') return new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
  return nextAuth(await withoutMalformedCallbackUrl(req), ctx);
}

export { handler as GET, handler as POST };
