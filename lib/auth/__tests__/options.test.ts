import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLogLevel } from '@/lib/log';
import { storeForFile, writeConfig } from './store-fixture';

/*
 * next-auth's options as next-auth calls them (authorize, the callbacks, sign-out) and the session cookie read back,
 * on a PGlite store; the activity writer is replaced by a list, next/headers by a cookie jar.
 */
const events = vi.hoisted(() => [] as Record<string, unknown>[]);
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('@/lib/activity/write', () => ({
  record: async (e: Record<string, unknown>) => {
    events.push(e);
  },
}));
vi.mock('next/headers', () => ({ cookies: async () => ({ getAll: () => [...jar].map(([name, value]) => ({ name, value })) }) }));

const SECRET = 'options-test-secret-of-enough-length';
process.env.NEXTAUTH_SECRET = SECRET;
process.env.NEXTAUTH_URL = 'http://console.test';
const { hashPassword } = await import('../password');
const PASSWORD = 'the right password, long';
writeConfig({
  users: [{ email: 'sue@demo.test', name: 'Sue', role: 'support', passwordHash: await hashPassword(PASSWORD) }],
  sso: [
    {
      id: 'okta',
      name: 'Okta',
      issuer: 'https://idp.acme.test',
      clientId: 'console',
      clientSecret: 'shh',
      map: [{ group: 'staff', role: 'support' }],
    },
  ],
});
const { authOptions } = await import('../options');
const { sessionPerson, startSession } = await import('../sessions');
const { admitSignIn } = await import('../throttle');
const { sessionUser, sessionId, currentUser } = await import('../session');

storeForFile();
beforeEach(() => {
  events.length = 0;
  jar.clear();
});

type Authorize = (credentials: unknown, req: unknown) => Promise<{ id: string; email: string; name: string } | null>;
const credentials = () => authOptions.providers[0] as unknown as { options: { authorize: Authorize } };
const authorize = (email: unknown, password: unknown) =>
  credentials().options.authorize({ email, password }, { headers: { 'x-console-client-ip': '192.0.2.9' } });
const callbacks = authOptions.callbacks as unknown as {
  redirect: (p: { url: string; baseUrl: string }) => Promise<string>;
  signIn: (p: { user: unknown; account: unknown }) => Promise<true | string>;
  jwt: (p: { token: Record<string, unknown>; user?: unknown; account?: unknown }) => Promise<Record<string, unknown>>;
};

describe('a password sign-in', () => {
  it('the right password gives next-auth the person, by the normalized email, and records the sign-in', async () => {
    expect(await authorize('  SUE@demo.test ', PASSWORD)).toEqual({ id: 'sue@demo.test', email: 'sue@demo.test', name: 'Sue' });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'session.sign-in',
        outcome: 'ok',
        status: 200,
        ip: '192.0.2.9',
        actor: expect.objectContaining({ email: 'sue@demo.test' }),
      }),
    ]);
  });

  it('a wrong password or an unknown email: no one, recorded alike, and counted towards the email’s refusal', async () => {
    expect(await authorize('sue@demo.test', 'wrong password entirely')).toBeNull();
    expect(await authorize('Nobody@demo.test', PASSWORD)).toBeNull();
    expect(events).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        status: 401,
        actor: expect.objectContaining({ email: 'sue@demo.test', role: 'unknown' }),
      }),
      expect.objectContaining({
        outcome: 'denied',
        status: 401,
        actor: expect.objectContaining({ email: 'nobody@demo.test', role: 'unknown' }),
      }),
    ]);
    for (let i = 0; i < 4; i++) await authorize('nobody@demo.test', PASSWORD);
    expect(await admitSignIn('nobody@demo.test', '192.0.2.99')).toMatchObject({ why: 'email' });
  });

  it('the right password clears the failures counted so far', async () => {
    await authorize('sue@demo.test', 'wrong password entirely');
    for (let i = 0; i < 3; i++) await authorize('sue@demo.test', 'wrong password entirely');
    await authorize('sue@demo.test', PASSWORD);
    for (let i = 0; i < 4; i++) await authorize('sue@demo.test', 'wrong password entirely');
    expect(await admitSignIn('sue@demo.test', '192.0.2.98')).toBeNull();
  });

  it('credentials of the wrong shape are no one, and not recorded', async () => {
    expect(await authorize('x'.repeat(321), PASSWORD)).toBeNull();
    expect(await authorize('sue@demo.test', 'p'.repeat(1001))).toBeNull();
    expect(await authorize(undefined, PASSWORD)).toBeNull();
    expect(events).toEqual([]);
  });
});

describe('the session next-auth keeps', () => {
  it('at sign-in the cookie gets a new session of the store, and how the person signed in', async () => {
    const byPassword = await callbacks.jwt({ token: {}, user: { email: 'sue@demo.test' }, account: { provider: 'credentials' } });
    const noAccount = await callbacks.jwt({ token: {}, user: { email: 'sue@demo.test' } });
    const bySso = await callbacks.jwt({ token: { name: 'x' }, user: { email: 'sue@demo.test' }, account: { provider: 'okta' } });
    expect(new Set([byPassword.sid, noAccount.sid, bySso.sid]).size).toBe(3);
    expect(bySso.name).toBe('x');
    const { db } = await (await import('@/lib/db/client')).store();
    const rows = await db.query.sessions.findMany();
    const via = (sid: unknown) => rows.find((r) => r.id === sid)?.via;
    expect([via(byPassword.sid), via(noAccount.sid), via(bySso.sid)]).toEqual(['password', 'password', 'sso:okta']);
  });

  it('on a later request the token is left as it is', async () => {
    const token = { sid: 'kept', email: 'sue@demo.test' };
    expect(await callbacks.jwt({ token: { ...token } })).toEqual(token);
    expect(await callbacks.jwt({ token: { ...token }, user: {} })).toEqual(token);
  });

  it('the cookie lives 30 days, the longest a session may; the store decides when it ends', () => {
    expect(authOptions.session).toMatchObject({ strategy: 'jwt', maxAge: 30 * 24 * 3600 });
    expect(authOptions.jwt?.maxAge).toBe(30 * 24 * 3600);
    expect(authOptions.pages).toEqual({ signIn: '/signin', error: '/signin' });
  });

  it('signing out ends the session in the store and records it; a token without a session does nothing', async () => {
    const sid = await startSession('sue@demo.test', 'password');
    await authOptions.events!.signOut!({ token: { sid, email: 'sue@demo.test' } } as never);
    expect(await sessionPerson(sid)).toBeNull();
    expect(events).toEqual([expect.objectContaining({ action: 'session.sign-out', outcome: 'ok', status: 200 })]);
    await authOptions.events!.signOut!({ token: { email: 'sue@demo.test' } } as never);
    const unknown = await startSession('gone@demo.test', 'password');
    await authOptions.events!.signOut!({ token: { sid: unknown, email: 'gone@demo.test' } } as never);
    await authOptions.events!.signOut!({ token: { sid: 'no-such' } } as never);
    expect(events).toHaveLength(1);
  });

  it('reads the person from the session cookie alone, never a bearer header', async () => {
    const sid = await startSession('sue@demo.test', 'password');
    const cookie = await encode({ token: { sid }, secret: SECRET });
    const req = new NextRequest('http://console.test/api/x', { headers: { cookie: `next-auth.session-token=${cookie}` } });
    expect(await sessionUser(req)).toMatchObject({ email: 'sue@demo.test', role: 'support' });
    expect(await sessionId(req)).toBe(sid);
    const bearer = new NextRequest('http://console.test/api/x', { headers: { authorization: `Bearer ${cookie}` } });
    expect(await sessionUser(bearer)).toBeNull();
    expect(await sessionId(bearer)).toBeNull();
    const noSid = await encode({ token: { email: 'sue@demo.test' }, secret: SECRET });
    const without = new NextRequest('http://console.test/api/x', { headers: { cookie: `next-auth.session-token=${noSid}` } });
    expect(await sessionUser(without)).toBeNull();
    expect(await sessionId(without)).toBeNull();
    jar.set('next-auth.session-token', cookie);
    expect(await currentUser()).toMatchObject({ email: 'sue@demo.test' });
    jar.clear();
    expect(await currentUser()).toBeNull();
  });
});

describe('next-auth’s other callbacks', () => {
  it('redirects within this site only', async () => {
    expect(await callbacks.redirect({ url: '/w/acme', baseUrl: 'http://console.test' })).toBe('http://console.test/w/acme');
    expect(await callbacks.redirect({ url: 'https://evil.test/', baseUrl: 'http://console.test' })).toBe('http://console.test/');
  });

  it('a password sign-in passes the signIn callback; a single sign-on goes through its mapping', async () => {
    expect(await callbacks.signIn({ user: { email: 'sue@demo.test' }, account: { type: 'credentials', provider: 'credentials' } })).toBe(
      true,
    );
    expect(await callbacks.signIn({ user: { email: 'sue@demo.test' }, account: null })).toBe(true);
    const refused = { email: 'x@acme.test', refusal: { code: 'SsoNoGroup', reason: 'no group' } };
    expect(await callbacks.signIn({ user: refused, account: { type: 'oauth', provider: 'okta' } })).toBe(
      '/signin?error=SsoNoGroup&provider=okta',
    );
  });

  it('offers the password form and the configured providers, the same list at every read', () => {
    expect(authOptions.providers.map((p) => p.id)).toEqual(['credentials', 'okta']);
    expect(authOptions.providers).toBe(authOptions.providers);
  });

  it('logs next-auth’s errors and warnings by their code only, and nothing of its debug', () => {
    const lines: Record<string, unknown>[] = [];
    const take = (chunk: unknown) => {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      return true;
    };
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(take);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(take);
    setLogLevel('debug');
    try {
      authOptions.logger!.error!('JWT_SESSION_ERROR' as never, { message: 'state=abc' } as never);
      authOptions.logger!.warn!('NEXTAUTH_URL' as never);
      authOptions.logger!.debug!('x' as never, { message: 'y' } as never);
    } finally {
      setLogLevel(null);
      err.mockRestore();
      out.mockRestore();
    }
    expect(lines.map(({ level, msg, code }) => ({ level, msg, code }))).toEqual([
      { level: 'error', msg: 'next-auth', code: 'JWT_SESSION_ERROR' },
      { level: 'warn', msg: 'next-auth', code: 'NEXTAUTH_URL' },
    ]);
    expect(JSON.stringify(lines)).not.toContain('state=abc');
  });
});
