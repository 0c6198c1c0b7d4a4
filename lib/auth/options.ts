import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { log } from '@/lib/log';
import { paths } from '@/lib/paths';
import { safeRedirect } from './callback';
import { verifyPassword } from './password';
import { findPerson } from './people';
import { endSession, startSession } from './sessions';
import { recordSessionEvent } from './sign-in-events';
import { noteSsoError, ssoAuthProviders, ssoSignIn } from './sso-sign-in';
import { noteFailure, noteSuccess } from './throttle';

/**
 * The cookie's own lifetime: the longest a session may last (`session.maxHours` at most 720). The session in the
 * store decides when it really ends (idle, too old, signed out, revoked).
 */
const COOKIE_MAX_AGE_S = 720 * 60 * 60;

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1000) });

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: COOKIE_MAX_AGE_S, updateAge: 15 * 60 },
  jwt: { maxAge: COOKIE_MAX_AGE_S },
  pages: { signIn: paths.signIn(), error: paths.signIn() },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      // The throttle's admission (per client, and an email refused after its failures) runs before this, in the route.
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const email = parsed.data.email.trim().toLowerCase();
        const user = await findPerson(email);
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash ?? undefined);
        if (!ok || !user) {
          log('warn', 'sign-in refused', { email: email.slice(0, 320) });
          await noteFailure(email);
          await recordSessionEvent('session.sign-in', { email }, 'denied', 401, req.headers);
          return null;
        }
        await noteSuccess(email);
        log('info', 'signed in', { email, role: user.role });
        await recordSessionEvent('session.sign-in', { user }, 'ok', 200, req.headers);
        return { id: user.email, email: user.email, name: user.name };
      },
    }),
  ],
  events: {
    // Sign-out ends the session in the store: a copy of the cookie is refused everywhere from now on.
    async signOut({ token }) {
      if (typeof token?.sid !== 'string') return;
      await endSession(token.sid, 'signed-out');
      const user = token.email ? await findPerson(token.email) : null;
      if (user) await recordSessionEvent('session.sign-out', { user }, 'ok', 200);
    },
  },
  callbacks: {
    // next-auth's default throws on a malformed callback URL (a poisoned cookie made every sign-in a 500).
    async redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    // Single sign-on: the config's map gives a role (kept in the store's people), or the person is sent back to the
    // sign-in page with the reason.
    async signIn({ user, account }) {
      return account?.type === 'oauth' ? ssoSignIn(user, account) : true;
    },
    // At sign-in the cookie gets the id of a new session in the store, and nothing else that decides anything.
    async jwt({ token, user, account }) {
      if (user?.email) {
        const via = !account || account.provider === 'credentials' ? 'password' : `sso:${account.provider}`;
        token.sid = await startSession(user.email, via);
      }
      return token;
    },
  },
  logger: {
    // next-auth's default logger can print request details; keep only the code.
    error: (code, metadata) => {
      noteSsoError(code, metadata);
      log('error', 'next-auth', { code });
    },
    warn: (code) => log('warn', 'next-auth', { code }),
    debug: () => {},
  },
};

/*
 * Single sign-on: the config's OpenID Connect providers join the credentials
 * provider when next-auth first reads the list, not at import (`next build`
 * runs without a config file).
 */
const credentialsOnly = authOptions.providers;
let withSso: NextAuthOptions['providers'] | undefined;
Object.defineProperty(authOptions, 'providers', {
  enumerable: true,
  get: () => (withSso ??= [...credentialsOnly, ...ssoAuthProviders()]),
});
