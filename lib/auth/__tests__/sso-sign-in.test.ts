import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEvent } from '@/lib/activity/event';
import type { SsoUser } from '../sso-sign-in';
import { storeForFile, writeConfig } from './store-fixture';

/*
 * Single sign-on's signIn callback and the callback request around it, and the sign-in events they leave in the
 * activity log (the writer is replaced by a list; the people are in a PGlite store).
 */
const events = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('@/lib/activity/write', () => ({
  record: async (e: Record<string, unknown>) => {
    events.push(e);
  },
}));
writeConfig({
  sso: [
    {
      id: 'okta',
      name: 'Okta at Acme',
      issuer: 'https://idp.acme.test',
      clientId: 'console',
      clientSecret: 'shh',
      map: [
        { group: 'acme-users', role: 'customer', workspace: 'acme' },
        { group: 'staff', role: 'support' },
      ],
    },
  ],
});
const { ssoAuthProviders, ssoSignIn, noteSsoError, runSsoCallback, ssoProviderName } = await import('../sso-sign-in');
const { recordSessionEvent } = await import('../sign-in-events');
const { findPerson } = await import('../people');
const { getConfig } = await import('@/lib/config/load');
const { store: theStore } = await import('@/lib/db/client');
const { people } = await import('@/lib/db/schema');

storeForFile();
beforeEach(() => {
  events.length = 0;
});

const okta = () => ssoAuthProviders()[0]!;
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://idp.acme.test',
  email: 'Kim@Acme.test',
  email_verified: true,
  name: 'Kim',
  groups: ['acme-users'],
  ...extra,
});
const profile = (c: Record<string, unknown>) => okta().profile!(c, {} as never) as SsoUser;
const account = { provider: 'okta', type: 'oauth' as const, providerAccountId: 'kim' };
const actorOf = (e: Record<string, unknown>) => (e as unknown as ActivityEvent).actor;

describe('the providers next-auth gets from the config', () => {
  it('an OpenID Connect code flow with PKCE, state and nonce, against the configured issuer', () => {
    expect(ssoAuthProviders()).toHaveLength(1);
    expect(okta()).toMatchObject({
      id: 'okta',
      name: 'Okta at Acme',
      type: 'oauth',
      wellKnown: 'https://idp.acme.test/.well-known/openid-configuration',
      issuer: 'https://idp.acme.test',
      clientId: 'console',
      clientSecret: 'shh',
      client: { token_endpoint_auth_method: 'client_secret_basic' },
      authorization: { params: { scope: 'openid email profile groups' } },
      idToken: true,
      checks: ['pkce', 'state', 'nonce'],
    });
    expect(ssoAuthProviders([])).toEqual([]);
  });

  it('makes a person of the ID token’s claims, or one that carries the refusal', () => {
    expect(profile(claims())).toEqual({
      id: 'kim@acme.test',
      email: 'kim@acme.test',
      name: 'Kim',
      source: 'sso:okta',
      role: 'customer',
      workspace: 'acme',
    });
    expect(profile(claims({ email: undefined, groups: ['staff'] }))).toMatchObject({
      id: 'unknown@okta',
      email: '',
      role: 'none',
      workspace: null,
      refusal: { code: 'SsoNoEmail', reason: 'the ID token has no verified email' },
    });
  });

  it('names the provider on the sign-in page, or says "single sign-on"', () => {
    expect(ssoProviderName('okta')).toBe('Okta at Acme');
    expect(ssoProviderName('other')).toBe('single sign-on');
    expect(ssoProviderName(undefined)).toBe('single sign-on');
  });
});

describe('the signIn callback of a single sign-on', () => {
  it('keeps the accepted person in the store with their role, and records the sign-in', async () => {
    const user = profile(claims());
    expect(await ssoSignIn(user, account)).toBe(true);
    expect(await findPerson('kim@acme.test')).toMatchObject({ role: 'customer', workspace: 'acme', source: 'sso:okta' });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'session.sign-in',
        outcome: 'ok',
        status: 200,
        workspace: 'acme',
        actor: { email: 'kim@acme.test', name: 'Kim', role: 'customer', via: 'sso' },
        after: { provider: 'okta' },
        target: { kind: 'session', id: 'kim@acme.test' },
      }),
    ]);
  });

  it('sends a refused person back to the sign-in page with the code, and records the reason', async () => {
    const user = profile(claims({ email: 'no-group@acme.test', groups: ['marketing'] }));
    expect(await ssoSignIn(user, account)).toBe('/signin?error=SsoNoGroup&provider=okta');
    expect(await findPerson('no-group@acme.test')).toBeNull();
    expect(events).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        status: 403,
        workspace: null,
        after: { provider: 'okta', reason: 'no mapped group in the "groups" claim' },
      }),
    ]);
    expect(actorOf(events[0]!)).toMatchObject({ email: 'no-group@acme.test', via: 'sso' });
  });

  it('refuses a person an admin disabled, whatever their groups say, and leaves them disabled', async () => {
    const { db } = await theStore();
    await db.insert(people).values({
      email: 'gone@acme.test',
      name: 'Gone',
      role: 'customer',
      workspace: 'acme',
      signIn: 'sso:okta',
      createdAt: new Date(),
      disabledAt: new Date(),
    });
    const user = profile(claims({ email: 'gone@acme.test' }));
    expect(await ssoSignIn(user, account)).toBe('/signin?error=SsoDisabled&provider=okta');
    expect(await findPerson('gone@acme.test')).toBeNull();
    expect(events).toEqual([
      expect.objectContaining({ outcome: 'denied', status: 403, after: { provider: 'okta', reason: 'disabled in the console' } }),
    ]);
  });
});

describe('an SSO callback request', () => {
  const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
  const headers = new Headers({ 'x-console-client-ip': '198.51.100.7', 'user-agent': 'Browser/1' });

  it('a refusal openid-client made (no signIn callback ran) is recorded with its reason and where it came from', async () => {
    const res = await runSsoCallback('okta', headers, async () => {
      noteSsoError('OAUTH_CALLBACK_ERROR', { error: { message: 'state mismatch, expected abc, got def' } });
      return redirect('/signin?error=OAuthCallback');
    });
    expect(res.status).toBe(302);
    expect(events).toEqual([
      expect.objectContaining({
        action: 'session.sign-in',
        outcome: 'denied',
        status: 403,
        ip: '198.51.100.7',
        userAgent: 'Browser/1',
        after: { provider: 'okta', reason: 'state missing or mismatched (forged or replayed callback)' },
      }),
    ]);
    expect(actorOf(events[0]!)).toEqual({ email: '', name: 'Someone', role: 'unknown', via: 'sso' });
  });

  it('reads the reason from the message itself, and says only "refused" when there is none', async () => {
    await runSsoCallback('okta', headers, async () => {
      noteSsoError('OAUTH_CALLBACK_ERROR', { message: 'nonce mismatch' });
      return redirect('/signin?provider=okta&error=OAuthCallback');
    });
    await runSsoCallback('okta', headers, async () => redirect('/signin?error=Callback'));
    expect(events.map((e) => (e.after as { reason: string }).reason)).toEqual([
      'nonce mismatched',
      'the identity provider’s answer was refused',
    ]);
  });

  it('other next-auth errors, or an error outside a callback request, leave no reason', async () => {
    noteSsoError('OAUTH_CALLBACK_ERROR', { message: 'state outside' });
    await runSsoCallback('okta', headers, async () => {
      noteSsoError('SIGNIN_OAUTH_ERROR', { message: 'state mismatch' });
      return redirect('/signin?error=OAuthSignin');
    });
    expect(events.map((e) => (e.after as { reason: string }).reason)).toEqual(['the identity provider’s answer was refused']);
  });

  it('a sign-in the signIn callback already recorded, or one that went through, is not recorded again', async () => {
    const user = profile(claims({ groups: ['nothing'] }));
    await runSsoCallback('okta', headers, async () => redirect(String(await ssoSignIn(user, account))));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip: '198.51.100.7', userAgent: 'Browser/1' });
    events.length = 0;
    await runSsoCallback('okta', headers, async () => redirect('/accounts'));
    await runSsoCallback('okta', headers, async () => new Response('no location'));
    expect(events).toEqual([]);
  });
});

describe('sign-in events', () => {
  it('take next-auth’s plain headers, the first of a repeated one', async () => {
    await recordSessionEvent('session.sign-in', { email: 'who@acme.test' }, 'denied', 401, {
      'x-console-client-ip': ['203.0.113.1', '203.0.113.2'],
      'user-agent': 'Agent/2',
      'x-empty': undefined,
    });
    expect(events).toEqual([
      expect.objectContaining({
        action: 'session.sign-in',
        outcome: 'denied',
        status: 401,
        ip: '203.0.113.1',
        userAgent: 'Agent/2',
        workspace: null,
        before: null,
        after: null,
        upstreamStatus: null,
        correlationId: null,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        actor: { email: 'who@acme.test', name: 'who@acme.test', role: 'unknown', via: 'password' },
        target: { kind: 'session', id: 'who@acme.test' },
      }),
    ]);
  });

  it('cap an unknown email at 320 characters; a person’s go to their workspace', async () => {
    const long = `${'x'.repeat(400)}@acme.test`;
    await recordSessionEvent('session.sign-in', { email: long }, 'denied', 401);
    expect(actorOf(events[0]!)).toMatchObject({ email: long.slice(0, 320), name: long.slice(0, 320) });
    const sue = getConfig().users.get('support@demo.test')!;
    await recordSessionEvent('session.sign-out', { user: { ...sue, workspace: 'acme' } }, 'ok', 200, undefined, { via: 'x' });
    expect(events[1]).toMatchObject({ action: 'session.sign-out', workspace: 'acme', ip: null, after: { via: 'x' } });
    expect(actorOf(events[1]!)).toEqual({ email: 'support@demo.test', name: 'Sue Port', role: 'support', via: 'password' });
  });
});
