import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Store } from '@/lib/db/client';
import { invitations, people } from '@/lib/db/schema';
import { storeForFile, writeConfig } from './store-fixture';

/* Invitations in the store (PGlite), with the clock passed in: links, expiry, who may still invite, what accepting makes. */
writeConfig();
process.env.NEXTAUTH_URL = 'http://console.test';
const { createInvitation, openInvitation, acceptInvitation, invitationLink, INVITATION_HOURS, FIRST_ADMIN_HOURS } =
  await import('../invitations');
const { verifyPassword } = await import('../password');
const { offerFirstAdmin } = await import('../first-admin');

const HOUR = 3_600_000;
const GOOD = 'correct horse battery';
let store: Store;
storeForFile((opened) => (store = opened));

const personOf = async (email: string) => (await store.db.select().from(people).where(eq(people.email, email)))[0];

async function addPerson(email: string, role: string, workspace: string | null, extra: Partial<typeof people.$inferInsert> = {}) {
  await store.db
    .insert(people)
    .values({ email, name: email, role, workspace, signIn: 'password', createdAt: new Date(), ...extra })
    .onConflictDoNothing();
}

const invite = (
  email: string | null,
  role: 'admin' | 'support' | 'customer' | 'customer-viewer',
  workspace: string | null,
  invitedBy: string | null = null,
  now?: Date,
) => createInvitation({ kind: 'invitation', email, role, workspace, invitedBy, now });

describe('invitation links', () => {
  it('carry the token in the fragment of this site’s /invite page, whatever slashes end the origin', () => {
    expect(invitationLink('tok', 'https://console.example///')).toBe('https://console.example/invite#tok');
    expect(invitationLink('tok')).toBe('http://console.test/invite#tok');
  });

  it('expire after 72 hours, a first admin’s after 1, or after the hours asked; the email is kept normalized', async () => {
    const now = new Date(Date.UTC(2026, 5, 1));
    const made = await invite('  New.Person@Acme.TEST ', 'customer', 'acme', null, now);
    expect(made.row).toMatchObject({ email: 'new.person@acme.test', kind: 'invitation', role: 'customer', workspace: 'acme' });
    expect(made.row.expiresAt.getTime() - now.getTime()).toBe(INVITATION_HOURS * HOUR);
    expect(INVITATION_HOURS).toBe(72);
    expect(made.link).toBe(`http://console.test/invite#${made.token}`);
    expect(made.row.tokenHash).not.toContain(made.token);

    const first = await createInvitation({ kind: 'first-admin', email: null, role: 'admin', workspace: null, invitedBy: null, now });
    expect(first.row.email).toBeNull();
    expect(first.row.expiresAt.getTime() - now.getTime()).toBe(FIRST_ADMIN_HOURS * HOUR);
    expect(FIRST_ADMIN_HOURS).toBe(1);

    const short = await createInvitation({
      kind: 'invitation',
      email: 'x@acme.test',
      role: 'customer',
      workspace: 'acme',
      invitedBy: null,
      hours: 2,
      now,
    });
    expect(short.row.expiresAt.getTime() - now.getTime()).toBe(2 * HOUR);
  });
});

describe('opening an invitation', () => {
  it('refuses a token of the wrong shape without looking it up', async () => {
    const { token } = await invite('shape@acme.test', 'customer', 'acme');
    expect(await openInvitation(token)).toHaveProperty('row');
    for (const bad of ['a'.repeat(19), 'a'.repeat(101), `${token.slice(0, 30)}.${token.slice(31)}`, ` ${token}`, `${token}\n`])
      expect(await openInvitation(bad)).toEqual({ refused: 'unknown' });
    expect(await openInvitation('a'.repeat(20))).toEqual({ refused: 'unknown' });
  });

  it('works until the moment it expires, not at that moment', async () => {
    const now = new Date(Date.UTC(2026, 5, 1));
    const { token, row } = await invite('timely@acme.test', 'customer', 'acme', null, now);
    expect(await openInvitation(token, new Date(row.expiresAt.getTime() - 1))).toEqual({ row });
    expect(await openInvitation(token, row.expiresAt)).toEqual({ refused: 'expired', row });
  });

  it('from an admin: any role in any workspace', async () => {
    await addPerson('inv-admin@demo.test', 'admin', null);
    const { token } = await invite('a1@globex.test', 'customer', 'globex', 'inv-admin@demo.test');
    expect(await openInvitation(token)).toHaveProperty('row');
    const staff = await invite('a2@demo.test', 'support', null, 'inv-admin@demo.test');
    expect(await openInvitation(staff.token)).toHaveProperty('row');
  });

  it('from a customer: customer roles in their own workspace only', async () => {
    await addPerson('inv-customer@acme.test', 'customer', 'acme');
    const own = await invite('c1@acme.test', 'customer-viewer', 'acme', 'inv-customer@acme.test');
    expect(await openInvitation(own.token)).toHaveProperty('row');
    const other = await invite('c2@globex.test', 'customer', 'globex', 'inv-customer@acme.test');
    expect(await openInvitation(other.token)).toMatchObject({ refused: 'inviter' });
    const staff = await invite('c3@acme.test', 'support', null, 'inv-customer@acme.test');
    expect(await openInvitation(staff.token)).toMatchObject({ refused: 'inviter' });
  });

  it('from someone who may invite no one, is gone, or is disabled: refused', async () => {
    await addPerson('inv-viewer@acme.test', 'customer-viewer', 'acme');
    await addPerson('inv-off@acme.test', 'customer', 'acme', { disabledAt: new Date() });
    for (const by of ['inv-viewer@acme.test', 'inv-nobody@acme.test', 'inv-off@acme.test']) {
      const { token } = await invite(`from-${by}`, 'customer-viewer', 'acme', by);
      expect(await openInvitation(token)).toMatchObject({ refused: 'inviter' });
    }
  });
});

describe('accepting an invitation', () => {
  it('makes the person with the invitation’s email, role and workspace, a hash of the password and the name trimmed', async () => {
    const { token, row } = await invite('made@acme.test', 'customer', 'acme');
    const done = await acceptInvitation({ token, password: GOOD, name: '  Made Person  ', email: 'ignored@elsewhere.test' });
    expect(done).toEqual({ ok: true, email: 'made@acme.test', row });
    const made = await personOf('made@acme.test');
    expect(made).toMatchObject({ name: 'Made Person', role: 'customer', workspace: 'acme', signIn: 'password', disabledAt: null });
    expect(await verifyPassword(GOOD, made!.passwordHash!)).toBe(true);
    expect(await personOf('ignored@elsewhere.test')).toBeUndefined();
  });

  it('a blank name is the email; a staff role has no workspace whatever the invitation says', async () => {
    const { token } = await invite('staffer@demo.test', 'support', 'acme');
    expect(await acceptInvitation({ token, password: GOOD, name: '   ' })).toMatchObject({ ok: true });
    expect(await personOf('staffer@demo.test')).toMatchObject({ name: 'staffer@demo.test', role: 'support', workspace: null });
  });

  it('a link without an email takes the one given, normalized; none given is refused and the link stays usable', async () => {
    const first = await createInvitation({ kind: 'first-admin', email: null, role: 'admin', workspace: null, invitedBy: null });
    expect(await acceptInvitation({ token: first.token, password: GOOD, name: 'F', email: '   ' })).toEqual({
      ok: false,
      field: 'email',
      reason: 'Give your email address.',
    });
    expect(await acceptInvitation({ token: first.token, password: GOOD, name: 'F', email: ' First@Corp.TEST ' })).toMatchObject({
      ok: true,
      email: 'first@corp.test',
    });
  });

  it('refuses an email of the config file, or one that signs in through single sign-on', async () => {
    const config = await invite('support@demo.test', 'support', null);
    expect(await acceptInvitation({ token: config.token, password: GOOD, name: 'S' })).toEqual({
      ok: false,
      field: 'email',
      reason: 'This email signs in through the config file already.',
    });
    await addPerson('sso-person@acme.test', 'customer', 'acme', { signIn: 'sso:demo' });
    const sso = await invite('sso-person@acme.test', 'customer', 'acme');
    expect(await acceptInvitation({ token: sso.token, password: GOOD, name: 'S' })).toMatchObject({
      ok: false,
      field: 'email',
      reason: 'This email signs in through single sign-on already.',
    });
    expect(await openInvitation(sso.token)).toHaveProperty('row');
  });

  it('enables a disabled person again, single sign-on or not, with the invitation’s role and a password', async () => {
    await addPerson('returning@acme.test', 'customer-viewer', 'acme', { signIn: 'sso:demo', disabledAt: new Date() });
    const { token } = await invite('returning@acme.test', 'customer', 'acme');
    expect(await acceptInvitation({ token, password: GOOD, name: 'Back' })).toMatchObject({ ok: true });
    expect(await personOf('returning@acme.test')).toMatchObject({ role: 'customer', signIn: 'password', disabledAt: null, name: 'Back' });
  });

  it('refuses a password that contains the email’s name, with the reason', async () => {
    const { token } = await invite('patricia@acme.test', 'customer', 'acme');
    expect(await acceptInvitation({ token, password: 'my-name-is-Patricia!', name: 'P' })).toEqual({
      ok: false,
      field: 'password',
      reason: 'Do not use your email address in the password.',
    });
  });

  it('two accepts of one link at once: one makes the person, the other is told it was used', async () => {
    const { token } = await invite('twice@acme.test', 'customer', 'acme');
    const results = await Promise.all([
      acceptInvitation({ token, password: GOOD, name: 'One' }),
      acceptInvitation({ token, password: GOOD, name: 'Two' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ ok: false, refused: 'used' })]);
    expect(await store.db.select().from(invitations).where(eq(invitations.email, 'twice@acme.test'))).toEqual([
      expect.objectContaining({ usedAt: expect.any(Date) }),
    ]);
  });
});

describe('the first admin’s link', () => {
  it('with no admin, is printed once with what to do; with one, nothing is printed', async () => {
    await store.db.delete(people).where(eq(people.role, 'admin'));
    let printed = '';
    const link = await offerFirstAdmin((t) => (printed += t));
    expect(link).toMatch(/^http:\/\/console\.test\/invite#[\w-]{43}$/);
    expect(printed).toBe(
      '\nNo admin can sign in yet. Open this link within 1 hour to make the first admin (it works once):\n' +
        `FIRST_ADMIN_LINK ${link}\n` +
        'Restart the console for a new link, or make one with: npm run people -- invite <email> admin\n\n',
    );
    const opened = await openInvitation(link!.split('#')[1]!);
    expect(opened).toMatchObject({ row: { kind: 'first-admin', role: 'admin', email: null, workspace: null, invitedBy: null } });
    await addPerson('the-admin@demo.test', 'admin', null);
    printed = '';
    expect(await offerFirstAdmin((t) => (printed += t))).toBeNull();
    expect(printed).toBe('');
  });
});
