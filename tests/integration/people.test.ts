import { describe, expect, it } from 'vitest';
import { signIn, signOut as signOutAt } from '../../scripts/session';
import { call, stack, type Answer } from '../support/api';

/*
 * People and sign-in against the production console (docs/security.md A30,
 * A31, A37): sessions end in the store, guessing is throttled, invitations
 * are one-time and bounded by the inviter's role.
 */
const base = () => stack().consoleUrl;
const unique = (name: string) => `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A call with a given cookie (not one of the stack's shared sessions, which other files use). */
async function as(cookie: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return call('anonymous', method, path, { headers: { cookie }, ...(body !== undefined ? { body } : {}) });
}

/** next-auth's own sign-out, as the Sign out button makes it. */
async function signOut(cookie: string) {
  expect(await signOutAt(base(), cookie)).toBe(200);
}

/** One sign-in attempt from a named client address (the integration console trusts one proxy hop). */
async function attempt(email: string, password: string, client: string): Promise<Answer> {
  const csrfRes = await fetch(`${base()}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return call('anonymous', 'POST', '/api/auth/callback/credentials', {
    rawBody: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': client },
  });
}

const PASSWORD = 'a long enough passphrase';

/** Invites and accepts through the BFF, as the People page and the invitation page do; answers the email. */
async function invitedPerson(role: string, workspace?: string, who: 'admin' | 'acme' = 'admin'): Promise<string> {
  const email = `${unique(role)}@acme.test`;
  const made = await call(who, 'POST', '/api/people/invitations', { body: { email, role, ...(workspace ? { workspace } : {}) } });
  expect(made.status).toBe(201);
  const token = String(made.json.link).split('#')[1];
  const accepted = await call('anonymous', 'POST', '/api/invitations/accept', { body: { token, name: 'Tess Test', password: PASSWORD } });
  expect(accepted.status).toBe(201);
  return email;
}

async function activity(
  ws: string | null,
  action: string,
): Promise<{ actor: { email: string | null }; target: { id: string }; outcome: string; after: unknown }[]> {
  const res = ws
    ? await call('admin', 'GET', `/api/workspaces/${ws}/activity?action=${action}`)
    : await call('admin', 'GET', `/api/activity?action=${action}`);
  expect(res.status).toBe(200);
  return res.json.items;
}

describe('sessions held in the store (A31)', () => {
  it('a cookie copied before sign-out gets 401 after it; the sign-out is in the activity log', async () => {
    const cookie = await signIn(base(), 'viewer@demo.test');
    const copy = cookie;
    expect((await as(copy, 'GET', '/api/workspaces')).status).toBe(200);
    await signOut(cookie);
    const after = await as(copy, 'GET', '/api/workspaces');
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toContain('application/problem+json');
    // The stack's own viewer session is another session: untouched.
    expect((await call('viewer', 'GET', '/api/workspaces')).status).toBe(200);
    expect((await activity(null, 'session.sign-out')).some((e) => e.actor.email === 'viewer@demo.test')).toBe(true);
  });

  it('sign out everywhere ends every session of the person, on this browser and others', async () => {
    const email = await invitedPerson('customer', 'acme');
    const laptop = await signIn(base(), email, PASSWORD);
    const phone = await signIn(base(), email, PASSWORD);
    expect((await as(phone, 'GET', '/api/workspaces/acme/accounts?pageSize=1')).status).toBe(200);
    // Without the anti-forgery header: refused, nothing ended.
    expect((await call('anonymous', 'POST', '/api/me/sessions/revoke', { headers: { cookie: laptop }, csrf: false })).status).toBe(403);
    expect((await as(phone, 'GET', '/api/workspaces')).status).toBe(200);
    expect((await as(laptop, 'POST', '/api/me/sessions/revoke')).status).toBe(204);
    expect((await as(laptop, 'GET', '/api/workspaces')).status).toBe(401);
    expect((await as(phone, 'GET', '/api/workspaces')).status).toBe(401);
    const events = await activity('acme', 'session.sign-out-everywhere');
    expect(events.find((e) => e.actor.email === email)).toMatchObject({ outcome: 'ok', after: { sessionsEnded: 2 } });
  });

  it('an admin revokes a person’s sessions, and disabling them refuses their cookie and their password', async () => {
    const email = await invitedPerson('support');
    const cookie = await signIn(base(), email, PASSWORD);
    expect((await call('admin', 'DELETE', `/api/people/${encodeURIComponent(email)}/sessions`)).status).toBe(204);
    expect((await as(cookie, 'GET', '/api/workspaces')).status).toBe(401);

    const again = await signIn(base(), email, PASSWORD);
    const disabled = await call('admin', 'PATCH', `/api/people/${encodeURIComponent(email)}`, { body: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect((await as(again, 'GET', '/api/workspaces')).status).toBe(401);
    await expect(signIn(base(), email, PASSWORD)).rejects.toThrow(/failed/);
    const people = await call('admin', 'GET', '/api/people');
    expect(people.json.people.find((p: { email: string }) => p.email === email)).toMatchObject({ disabled: true, activeSessions: 0 });
    expect((await activity(null, 'person.change')).find((e) => e.target.id === email)).toMatchObject({ outcome: 'ok' });
  });

  it('a token signed with the real secret but naming no session in the store is refused', async () => {
    const { encode } = await import('next-auth/jwt');
    for (const token of [
      { email: 'support@demo.test', sid: 'made-up-session-id' },
      // The shape of a cookie from before sessions were in the store.
      { email: 'support@demo.test', loginAt: Math.floor(Date.now() / 1000) },
    ]) {
      const forged = await encode({ secret: stack().secrets.nextauthSecret, token });
      expect((await as(`next-auth.session-token=${forged}`, 'GET', '/api/workspaces')).status).toBe(401);
    }
  });
});

describe('throttled guessing (A30)', () => {
  it('after 5 failures an email is refused for 15 minutes, even with the right password; others sign in meanwhile', async () => {
    const email = await invitedPerson('customer-viewer', 'acme');
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'wrong password', `203.0.113.${i + 1}`)).status).toBe(401);
    const refused = await attempt(email, PASSWORD, '203.0.113.50');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(refused.json.detail).toBe('Too many failed sign-ins for this email. Try again in 15 minutes.');
    // An email that does not exist gets the very same answer.
    const nobody = `${unique('nobody')}@nowhere.test`;
    for (let i = 0; i < 5; i++) expect((await attempt(nobody, 'wrong password', `203.0.113.${i + 60}`)).status).toBe(401);
    const alike = await attempt(nobody, 'whatever', '203.0.113.70');
    expect([alike.status, alike.json.detail]).toEqual([429, refused.json.detail]);
    // Someone else signs in as usual.
    expect(await signIn(base(), 'owner@globex.test')).toMatch(/^next-auth\.session-token=/);
    const recorded = await activity(null, 'session.sign-in');
    expect(recorded.find((e) => e.actor.email === nobody && e.outcome === 'denied')).toMatchObject({ after: { throttled: 'email' } });
  });

  it('one client address gets 30 attempts a minute over any emails; then 429, and other addresses go on', async () => {
    const client = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const answers: Answer[] = [];
    for (let i = 0; i < 31; i++) answers.push(await attempt(`${unique('spray')}@acme.test`, 'password1', client));
    expect(answers.slice(0, 30).every((a) => a.status === 401)).toBe(true);
    expect(answers[30]!.status).toBe(429);
    expect(answers[30]!.json.detail).toMatch(/^Too many sign-in attempts from your network\. Try again in \d+ seconds?\.$/);
    expect((await attempt(`${unique('other')}@acme.test`, 'password1', '198.51.100.250')).status).toBe(401);
  });
});

describe('invitations (A37)', () => {
  it('a customer invites a colleague as customer-viewer: the link sets a password once; the colleague sees acme, read only', async () => {
    const email = `${unique('colleague')}@acme.test`;
    const made = await call('acme', 'POST', '/api/people/invitations', { body: { email, role: 'customer-viewer' } });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ email, role: 'customer-viewer', workspace: 'acme', mailed: false });
    const token = String(made.json.link).split('#')[1];
    const opened = await call('anonymous', 'POST', '/api/invitations/open', { body: { token } });
    expect(opened.json).toMatchObject({ kind: 'invitation', email, role: 'customer-viewer', workspaceName: 'Acme Corp' });
    const weak = await call('anonymous', 'POST', '/api/invitations/accept', { body: { token, name: 'C', password: 'qwerty123456' } });
    expect(weak.status).toBe(400);
    expect(weak.json.invalidParams).toEqual([{ name: 'password', reason: expect.stringMatching(/most common/) }]);
    const short = await call('anonymous', 'POST', '/api/invitations/accept', { body: { token, name: 'C', password: 'short' } });
    expect(short.json.invalidParams[0].name).toBe('password');
    expect((await call('anonymous', 'POST', '/api/invitations/accept', { body: { token, name: 'C', password: PASSWORD } })).status).toBe(
      201,
    );
    const twice = await call('anonymous', 'POST', '/api/invitations/accept', { body: { token, name: 'C', password: PASSWORD } });
    expect([twice.status, twice.json.detail]).toEqual([410, 'This invitation has already been used. Sign in, or ask for a new one.']);

    const cookie = await signIn(base(), email, PASSWORD);
    expect((await as(cookie, 'GET', '/api/workspaces')).json).toEqual([{ id: 'acme', name: 'Acme Corp' }]);
    expect((await as(cookie, 'GET', '/api/workspaces/globex/accounts')).status).toBe(404);
    const change = await as(cookie, 'POST', '/api/workspaces/acme/accounts/messenger', {
      externalId: '990000000009999',
      accessToken: 'EAAGxxxxxxxxxxxxxxxxxxxxxxxx',
    });
    expect(change.status).toBe(403);
    // The acme owner sees the invitation and its use in acme's activity.
    const seen = await call('acme', 'GET', '/api/workspaces/acme/activity');
    const actions = seen.json.items
      .filter((e: { target: { id: string } }) => e.target.id === email)
      .map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['person.invite', 'invitation.accept', 'session.sign-in']));
  });

  it('a customer may not grant a staff role nor invite into another workspace; each refusal is recorded', async () => {
    const email = `${unique('intruder')}@acme.test`;
    for (const body of [
      { email, role: 'support' },
      { email, role: 'admin' },
      { email, role: 'customer', workspace: 'globex' },
    ]) {
      const res = await call('acme', 'POST', '/api/people/invitations', { body });
      expect(res.status).toBe(403);
    }
    for (const who of ['support', 'viewer'] as const)
      expect((await call(who, 'POST', '/api/people/invitations', { body: { email, role: 'viewer' } })).status).toBe(403);
    expect((await call('support', 'GET', '/api/people')).status).toBe(403);
    const denied = (await activity(null, 'person.invite')).filter((e) => e.target.id === email && e.outcome === 'denied');
    expect(denied.length).toBeGreaterThanOrEqual(2);
  });

  it('the People list: an admin sees everyone with how they sign in; a customer only their workspace', async () => {
    const all = await call('admin', 'GET', '/api/people');
    expect(all.status).toBe(200);
    const emails = all.json.people.map((p: { email: string }) => p.email);
    expect(emails).toEqual(expect.arrayContaining(['admin@demo.test', 'support@demo.test', 'owner@globex.test']));
    expect(all.json.people.find((p: { email: string }) => p.email === 'support@demo.test')).toMatchObject({
      source: 'config',
      editable: false,
    });
    const mine = await call('globex', 'GET', '/api/people');
    expect(mine.json.people.every((p: { workspace: string }) => p.workspace === 'globex')).toBe(true);
    expect(JSON.stringify(mine.json)).not.toMatch(/acme/);
  });
});
