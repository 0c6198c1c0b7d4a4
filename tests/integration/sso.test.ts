import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityPageSchema, type ActivityEventView } from '@/lib/schemas/activity';
import { totp } from '../../idp/otp';
import { signOut } from '../../scripts/session';
import { call, stack } from '../support/api';
import { finishSso, IMPOSTOR_SSO, idpSignIn, impostorSignIn, ssoSignIn, startImpostor, startSso } from '../support/sso';

/** The newest sign-in events, staff's view (the chain of no workspace). */
async function signIns(query: string): Promise<ActivityEventView[]> {
  const res = await call('support', 'GET', `/api/activity?action=session.sign-in&${query}`);
  expect(res.status).toBe(200);
  return activityPageSchema.parse(res.json).items;
}
const reasonOf = (e: ActivityEventView | undefined) => (e?.after as { reason?: string; provider?: string } | null)?.reason;

async function workspacesWith(cookie: string) {
  const res = await fetch(`${stack().consoleUrl}/api/workspaces`, { headers: { cookie } });
  return { status: res.status, ids: res.ok ? ((await res.json()) as { id: string }[]).map((w) => w.id) : [] };
}

describe('single sign-on through the demo identity provider (a real OpenID Connect server)', () => {
  it('sso-support@demo.test is signed in as support, and it is recorded', async () => {
    const s = stack();
    const r = await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-support@demo.test' });
    expect(r.location).toBe(`${s.consoleUrl}/`);
    expect(r.session).not.toBeNull();
    expect(await workspacesWith(r.session!)).toEqual({ status: 200, ids: ['acme', 'globex', 'initech'] });
    const [ok] = await signIns('outcome=ok&actor=sso-support%40demo.test');
    expect(ok).toMatchObject({ status: 200, workspace: null, actor: { email: 'sso-support@demo.test', role: 'support', via: 'sso' } });
    expect(ok?.after).toEqual({ provider: 'demo-sso' });
    // Kept in the store as a person who signs in through Demo SSO, with the role the groups gave.
    const people = await call('admin', 'GET', '/api/people');
    expect(people.json.people.find((p: { email: string }) => p.email === 'sso-support@demo.test')).toMatchObject({
      role: 'support',
      source: 'sso:demo-sso',
      editable: true,
    });

    // Signing out is recorded too, as the same person through the same provider.
    await signOut(s.consoleUrl, r.session!);
    await expect
      .poll(async () => {
        const res = await call('support', 'GET', '/api/activity?action=session.sign-out&actor=sso-support%40demo.test');
        return activityPageSchema.parse(res.json).items[0]?.actor;
      })
      .toMatchObject({ email: 'sso-support@demo.test', role: 'support', via: 'sso' });
  });

  it('sso-outsider@demo.test (no mapped group) is refused in plain words; no session; recorded', async () => {
    const s = stack();
    const r = await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-outsider@demo.test' });
    expect(r.location).toBe(`${s.consoleUrl}/signin?error=SsoNoGroup&provider=demo-sso`);
    expect(r.session).toBeNull();
    const page = await (await fetch(r.location)).text();
    expect(page).toContain('Your account at Demo SSO is not in a group that may use this console. Ask your administrator.');
    const [refused] = await signIns('outcome=denied&actor=sso-outsider%40demo.test');
    expect(refused).toMatchObject({ status: 403, actor: { via: 'sso' } });
    expect(reasonOf(refused)).toMatch(/no mapped group/);
    // Nothing was created.
    const people = await call('admin', 'GET', '/api/people');
    expect(people.json.people.map((p: { email: string }) => p.email)).not.toContain('sso-outsider@demo.test');
  });

  it('a person an admin disabled is refused at their next SSO sign-in, whatever their groups say', async () => {
    const s = stack();
    const first = await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-support@demo.test' });
    expect(first.session).not.toBeNull();
    expect((await call('admin', 'PATCH', '/api/people/sso-support%40demo.test', { body: { disabled: true } })).status).toBe(200);
    expect((await workspacesWith(first.session!)).status).toBe(401);
    const again = await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-support@demo.test' });
    expect(again.location).toBe(`${s.consoleUrl}/signin?error=SsoDisabled&provider=demo-sso`);
    expect(again.session).toBeNull();
    expect((await call('admin', 'PATCH', '/api/people/sso-support%40demo.test', { body: { disabled: false } })).status).toBe(200);
    expect((await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-support@demo.test' })).session).not.toBeNull();
  });

  it('requireMfa: a password-only sign-in is refused; one with a one-time code is accepted', async () => {
    const s = stack();
    const without = await ssoSignIn(s.consoleUrl, 'demo-sso-mfa', { email: 'sso-support@demo.test' });
    expect(without.location).toBe(`${s.consoleUrl}/signin?error=SsoNoMfa&provider=demo-sso-mfa`);
    expect(without.session).toBeNull();
    expect(reasonOf((await signIns('outcome=denied&actor=sso-support%40demo.test'))[0])).toMatch(/second factor/);

    const withOtp = await ssoSignIn(s.consoleUrl, 'demo-sso-mfa', { email: 'sso-mfa@demo.test', otp: () => totp('JBSWY3DPEHPK3PXP') });
    expect(withOtp.session).not.toBeNull();
    expect((await workspacesWith(withOtp.session!)).status).toBe(200);
  });
});

describe('A36: what openid-client and next-auth check, proved with real requests', () => {
  it('a replayed callback URL is refused (its state was used up) and recorded; no second session', async () => {
    const s = stack();
    const first = await ssoSignIn(s.consoleUrl, 'demo-sso', { email: 'sso-support@demo.test' });
    expect(first.session).not.toBeNull();
    const again = await finishSso(first.callbackUrl, first.jar, s.consoleUrl);
    expect(again.session).toBeNull();
    expect(again.location).toMatch(/\/signin\?.*error=OAuthCallback/);
    // Another browser replaying it has a state of its own, which does not match.
    const other = await startSso(s.consoleUrl, 'demo-sso');
    const stolen = await finishSso(first.callbackUrl, other.console, s.consoleUrl);
    expect(stolen.session).toBeNull();
    expect(stolen.location).toMatch(/\/signin\?.*error=OAuthCallback/);
    const [refused] = await signIns('outcome=denied');
    expect(refused).toMatchObject({ actor: { via: 'sso' } });
    expect(reasonOf(refused)).toMatch(/^state/);
  });

  it('a forged state is refused before the code is redeemed', async () => {
    const s = stack();
    const { console: jar, authorizeUrl } = await startSso(s.consoleUrl, 'demo-sso');
    const callback = new URL(await idpSignIn(authorizeUrl, { email: 'sso-support@demo.test' }));
    callback.searchParams.set('state', 'forged-state');
    const r = await finishSso(callback.href, jar, s.consoleUrl);
    expect(r.session).toBeNull();
    expect(r.location).toMatch(/\/signin\?.*error=OAuthCallback/);
    expect(reasonOf((await signIns('outcome=denied'))[0])).toMatch(/^state/);
  });

  it('the sign-in page says it in plain words', async () => {
    const page = await (await fetch(`${stack().consoleUrl}/signin?error=OAuthCallback`)).text();
    expect(page).toContain('did not complete and was refused');
  });

  describe('an identity provider that sends what it should not', () => {
    let impostor: Awaited<ReturnType<typeof startImpostor>>;
    beforeAll(async () => {
      impostor = await startImpostor(stack().impostorPort, IMPOSTOR_SSO(0).clientId);
    });
    afterAll(() => impostor.close());

    it('an honest answer is accepted (so the refusals below are for what they say)', async () => {
      impostor.setMode('honest');
      const r = await impostorSignIn(stack().consoleUrl);
      expect(r.session).not.toBeNull();
    });

    it.each([
      ['other-issuer', /another issuer/],
      ['other-audience', /another audience/],
      ['wrong-nonce', /nonce/],
    ] as const)('%s: refused, no session, recorded', async (mode, reason) => {
      impostor.setMode(mode);
      const r = await impostorSignIn(stack().consoleUrl);
      expect(r.session).toBeNull();
      expect(r.location).toMatch(/\/signin\?.*error=/);
      const [refused] = await signIns('outcome=denied');
      expect(refused?.after).toMatchObject({ provider: 'impostor' });
      expect(reasonOf(refused)).toMatch(reason);
    });
  });
});

describe('A24 for single sign-on', () => {
  it('the console log (debug level, DEBUG=*) holds no client secret, code, ID token or state after all the sign-ins above', () => {
    const s = stack();
    const log = readFileSync(path.join(s.dataDir, 'console.log'), 'utf8');
    for (const secret of [
      ...Object.values(s.secrets.sso),
      IMPOSTOR_SSO(0).clientSecret,
      'impostor-code',
      'impostor-access-token',
      'forged-state',
    ])
      expect(log).not.toContain(secret);
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\./);
  });
});
