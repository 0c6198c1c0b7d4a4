import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getConfig } from '@/lib/config/load';
import { log } from '@/lib/log';
import { paths } from '@/lib/paths';
import { safeRedirect } from './callback';
import { recordSessionEvent } from './sign-in-events';
import { noteSsoError, ssoAuthProviders, ssoSignIn, ssoUserFromToken, type SsoUser } from './sso-sign-in';
import { verifyPassword } from './password';

/** A staff console wants hours, not next-auth's 30 days; the limit is absolute, counted from sign-in. */
export const SESSION_MAX_AGE_S = 8 * 60 * 60;

const credentialsSchema = z.object({ email: z.string().max(320), password: z.string().max(1000) });

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S, updateAge: 15 * 60 },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: paths.signIn(), error: paths.signIn() },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const email = parsed.data.email.trim().toLowerCase();
        const user = getConfig().users.get(email);
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
        if (!ok || !user) {
          log('warn', 'sign-in refused', { email: email.slice(0, 320) });
          await recordSessionEvent('session.sign-in', { email }, 'denied', 401, req.headers);
          return null;
        }
        log('info', 'signed in', { email, role: user.role });
        await recordSessionEvent('session.sign-in', { user }, 'ok', 200, req.headers);
        return { id: user.email, email: user.email, name: user.name };
      },
    }),
  ],
  events: {
    async signOut({ token }) {
      // SSO (interim until sessions are in the store): an SSO token is never read as a config user's.
      const ssoUser = ssoUserFromToken(token);
      if (ssoUser)
        return recordSessionEvent('session.sign-out', { user: ssoUser }, 'ok', 200, undefined, { provider: token.sso?.provider ?? '' });
      const user = token?.email ? getConfig().users.get(token.email.toLowerCase()) : undefined;
      if (user) await recordSessionEvent('session.sign-out', { user }, 'ok', 200);
    },
  },
  callbacks: {
    // next-auth's default throws on a malformed callback URL (a poisoned cookie made every sign-in a 500).
    async redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    // Single sign-on: the config's map gives a role, or the person is sent back to the sign-in page with the reason.
    async signIn({ user, account }) {
      return account?.type === 'oauth' ? ssoSignIn(user, account) : true;
    },
    // The token names the person and when they signed in, nothing more: role and workspace are read from the
    // server's config on every request (lib/auth/session.ts), so a client's session update cannot touch them.
    async jwt({ token, user, account }) {
      if (user) token.loginAt = Math.floor(Date.now() / 1000);
      // SSO (interim until sessions are in the store): the mapped role and workspace ride in the signed token.
      if (user && account?.type === 'oauth') {
        const u = user as SsoUser;
        token.sso = { role: u.role, workspace: u.workspace, provider: account.provider };
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
