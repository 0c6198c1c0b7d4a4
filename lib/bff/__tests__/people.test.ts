import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HASH, storeForFile, writeConfig } from '@/lib/auth/__tests__/store-fixture';
import type { User } from '@/lib/config/load';
import type { Store } from '@/lib/db/client';
import { invitations, people, sessions } from '@/lib/db/schema';
import type { Role } from '@/lib/schemas/roles';

/*
 * The People page's service against a real store (PGlite) and a config file of its own: who may see and change
 * whom (an admin anyone; a customer the people of their own workspace, giving only the customer roles: A37),
 * invitations, and sessions counted by the config's idle and absolute limits. The invitation mail (SMTP) is the
 * one edge replaced: the mails it would send are kept here.
 */
const mail = vi.hoisted(() => ({ sent: [] as unknown[][], answer: true }));
vi.mock('@/lib/auth/mail', () => ({
  sendInvitationMail: async (...args: unknown[]) => {
    mail.sent.push(args);
    return mail.answer;
  },
}));

const IDLE_MINUTES = 20;
const MAX_HOURS = 5;
writeConfig({
  users: [
    { email: 'support@demo.test', name: 'Sue Port', role: 'support', passwordHash: HASH },
    { email: 'root@demo.test', name: 'Root', role: 'admin', passwordHash: HASH },
    { email: 'owner@acme.test', name: 'Acme Owner', role: 'customer', workspace: 'acme', passwordHash: HASH },
    { email: 'owner@globex.test', name: 'Globex Owner', role: 'customer', workspace: 'globex', passwordHash: HASH },
  ],
  session: { idleMinutes: IDLE_MINUTES, maxHours: MAX_HOURS },
});
process.env.NEXTAUTH_URL = 'http://console.test';
const { changePerson, invite, listPeople, requireManager, revokeSessions } = await import('../people');
const { HttpError } = await import('../problem');
const { createInvitation } = await import('@/lib/auth/invitations');

let store: Store;
storeForFile((opened) => (store = opened));

beforeEach(() => {
  mail.answer = true;
});

const MIN = 60_000;
const HOUR = 60 * MIN;

/** An email of this test's own: nothing another test makes or changes can reach it. */
let n = 0;
const unique = (name: string, domain = 'acme.test') => {
  n += 1;
  return `${name}-${n}-${Math.random().toString(36).slice(2, 8)}@${domain}`;
};

/** Someone signed in, as the BFF hands them to the service. */
const as = (role: Role, workspace: string | null = null, email = unique(role, 'callers.test')): User => ({
  email,
  name: `Caller ${email}`,
  role,
  workspace,
  passwordHash: null,
  source: 'password',
});

async function addPerson(
  email: string,
  role: string,
  workspace: string | null,
  extra: Partial<typeof people.$inferInsert> = {},
): Promise<string> {
  await store.db
    .insert(people)
    .values({ email, name: `Name of ${email}`, role, workspace, signIn: 'password', passwordHash: HASH, createdAt: new Date(), ...extra });
  return email;
}

let s = 0;
async function addSession(email: string, createdAt: Date, lastSeenAt: Date, endedAt: Date | null = null): Promise<string> {
  s += 1;
  const id = `session-${s}-${Math.random().toString(36).slice(2)}`;
  await store.db.insert(sessions).values({ id, email, via: 'password', createdAt, lastSeenAt, endedAt });
  return id;
}

const personOf = async (email: string) => (await store.db.select().from(people).where(eq(people.email, email)))[0];
const sessionsOf = (email: string) => store.db.select().from(sessions).where(eq(sessions.email, email));
const invitationsFor = (email: string) => store.db.select().from(invitations).where(eq(invitations.email, email));

/** What the service refused with (it must refuse with an HttpError). */
async function refusal(work: Promise<unknown>): Promise<InstanceType<typeof HttpError>> {
  const outcome = await work.then(
    () => 'answered',
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(HttpError);
  return outcome as InstanceType<typeof HttpError>;
}

const NOT_ALLOWED_ROLE = { status: 403, title: 'Not allowed', detail: 'Your role may not manage people.' };
const NOT_FOUND = { status: 404, title: 'Person not found', detail: 'No such person, or you may not see them.' };
const ONLY_CUSTOMER_ROLES = {
  status: 403,
  title: 'Not allowed',
  detail: 'You may give only the customer roles, in your own workspace.',
};
const STAFF_NO_WORKSPACE = {
  status: 400,
  title: 'Invalid body',
  detail: 'Staff roles belong to no workspace.',
  extra: { invalidParams: [{ name: 'workspace', reason: 'Staff roles belong to no workspace' }] },
};
const NEEDS_WORKSPACE = {
  status: 400,
  title: 'Invalid body',
  detail: 'A customer role needs a workspace.',
  extra: { invalidParams: [{ name: 'workspace', reason: 'Choose a workspace' }] },
};
const OWN_WORKSPACE_ONLY = { status: 403, title: 'Not allowed', detail: 'You may invite people into your own workspace only.' };
const NO_SUCH_WORKSPACE = {
  status: 400,
  title: 'Invalid body',
  detail: 'No such workspace.',
  extra: { invalidParams: [{ name: 'workspace', reason: 'No such workspace' }] },
};

describe('who may manage people', () => {
  it('an admin and a customer; support, viewer and a read-only customer are refused', () => {
    expect(() => requireManager(as('admin'))).not.toThrow();
    expect(() => requireManager(as('customer', 'acme'))).not.toThrow();
    for (const user of [as('support'), as('viewer'), as('customer-viewer', 'acme')]) {
      let thrown: unknown;
      try {
        requireManager(user);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect(thrown).toMatchObject(NOT_ALLOWED_ROLE);
    }
  });

  it('every part of the page refuses the others before touching anything', async () => {
    const target = await addPerson(unique('untouched'), 'customer-viewer', 'acme');
    await addSession(target, new Date(), new Date());
    for (const user of [as('support'), as('viewer'), as('customer-viewer', 'acme')]) {
      expect(await refusal(listPeople(user))).toMatchObject(NOT_ALLOWED_ROLE);
      expect(await refusal(invite(user, { email: unique('never'), role: 'customer-viewer', workspace: 'acme' }))).toMatchObject(
        NOT_ALLOWED_ROLE,
      );
      expect(await refusal(changePerson(user, target, { disabled: true }))).toMatchObject(NOT_ALLOWED_ROLE);
      expect(await refusal(revokeSessions(user, target))).toMatchObject(NOT_ALLOWED_ROLE);
      // A config user's email goes the same way: refused for the role, not told apart as "in the file".
      expect(await refusal(revokeSessions(user, 'owner@acme.test'))).toMatchObject(NOT_ALLOWED_ROLE);
    }
    expect(await personOf(target)).toMatchObject({ disabledAt: null });
    expect((await sessionsOf(target)).map((row) => row.endedAt)).toEqual([null]);
  });
});

describe('the list of people', () => {
  it('an admin sees everyone, the config file’s and the store’s, with what the page shows of each', async () => {
    const admin = as('admin');
    const customer = await addPerson(unique('cust'), 'customer', 'acme');
    const staff = await addPerson(unique('staff', 'demo.test'), 'support', null, { signIn: 'sso:okta', passwordHash: null });
    const other = await addPerson(unique('other', 'globex.test'), 'customer-viewer', 'globex', { disabledAt: new Date() });
    const view = await listPeople(admin);
    const mine = new Set([customer, staff, other]);
    expect(view.people.filter((p) => mine.has(p.email))).toEqual(
      [
        {
          email: customer,
          name: `Name of ${customer}`,
          role: 'customer',
          workspace: 'acme',
          source: 'password',
          disabled: false,
          lastSeenAt: null,
          activeSessions: 0,
          editable: true,
        },
        {
          email: staff,
          name: `Name of ${staff}`,
          role: 'support',
          workspace: null,
          source: 'sso:okta',
          disabled: false,
          lastSeenAt: null,
          activeSessions: 0,
          editable: true,
        },
        {
          email: other,
          name: `Name of ${other}`,
          role: 'customer-viewer',
          workspace: 'globex',
          source: 'password',
          disabled: true,
          lastSeenAt: null,
          activeSessions: 0,
          editable: true,
        },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
    const fromConfig = view.people.filter((p) => p.source === 'config');
    expect(fromConfig).toEqual(
      expect.arrayContaining([
        {
          email: 'support@demo.test',
          name: 'Sue Port',
          role: 'support',
          workspace: null,
          source: 'config',
          disabled: false,
          lastSeenAt: null,
          activeSessions: 0,
          editable: false,
        },
        expect.objectContaining({ email: 'root@demo.test', role: 'admin', editable: false }),
        expect.objectContaining({ email: 'owner@acme.test', workspace: 'acme', editable: false }),
        expect.objectContaining({ email: 'owner@globex.test', workspace: 'globex', editable: false }),
      ]),
    );
    expect(fromConfig).toHaveLength(4);
  });

  it('a customer sees the people of their own workspace only, config users and invitations included', async () => {
    const owner = as('customer', 'acme');
    const colleague = await addPerson(unique('colleague'), 'customer-viewer', 'acme');
    const stranger = await addPerson(unique('stranger', 'globex.test'), 'customer', 'globex');
    const staff = await addPerson(unique('staffer', 'demo.test'), 'admin', null);
    const now = new Date();
    const ours = await createInvitation({
      kind: 'invitation',
      email: unique('ours'),
      role: 'customer',
      workspace: 'acme',
      invitedBy: null,
      now,
    });
    const theirs = await createInvitation({
      kind: 'invitation',
      email: unique('theirs', 'globex.test'),
      role: 'customer',
      workspace: 'globex',
      invitedBy: null,
      now,
    });
    const staffInvite = await createInvitation({
      kind: 'invitation',
      email: unique('staffinv', 'demo.test'),
      role: 'viewer',
      workspace: null,
      invitedBy: null,
      now,
    });
    const view = await listPeople(owner, new Date(now.getTime() + MIN));
    const emails = view.people.map((p) => p.email);
    expect(emails).toContain(colleague);
    expect(emails).toContain('owner@acme.test');
    expect(emails).not.toContain(stranger);
    expect(emails).not.toContain(staff);
    expect(emails).not.toContain('owner@globex.test');
    expect(emails).not.toContain('support@demo.test');
    expect(emails).not.toContain('root@demo.test');
    expect(view.people.every((p) => p.workspace === 'acme')).toBe(true);
    const ids = view.invitations.map((i) => i.id);
    expect(ids).toContain(ours.row.id);
    expect(ids).not.toContain(theirs.row.id);
    expect(ids).not.toContain(staffInvite.row.id);
    expect(view.invitations.every((i) => i.workspace === 'acme')).toBe(true);
  });

  it('a customer without a workspace (none given) sees no one, not even the staff who have none either', async () => {
    const lost = as('customer', null);
    const staff = await addPerson(unique('nows', 'demo.test'), 'viewer', null);
    const now = new Date();
    const staffInvite = await createInvitation({
      kind: 'invitation',
      email: unique('nowsinv', 'demo.test'),
      role: 'support',
      workspace: null,
      invitedBy: null,
      now,
    });
    const view = await listPeople(lost, new Date(now.getTime() + MIN));
    expect(view.people.map((p) => p.email)).not.toContain(staff);
    expect(view.people).toEqual([]);
    expect(view.invitations.map((i) => i.id)).not.toContain(staffInvite.row.id);
    expect(await refusal(revokeSessions(lost, 'support@demo.test'))).toMatchObject(NOT_FOUND);
    expect(await refusal(changePerson(lost, staff, { disabled: true }))).toMatchObject(NOT_FOUND);
  });

  it('is sorted by email, whatever order the store keeps', async () => {
    const admin = as('admin');
    const tag = unique('sort').split('@')[0]!;
    const made: string[] = [];
    for (const first of ['m', 'z', 'a', 'q', 'b']) made.push(await addPerson(`${first}-${tag}@acme.test`, 'customer', 'acme'));
    const listed = (await listPeople(admin)).people.map((p) => p.email).filter((e) => made.includes(e));
    expect(listed).toEqual([...made].sort());
    const all = (await listPeople(admin)).people.map((p) => p.email);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b)));
  });

  it('the caller is listed but not editable by themselves; everyone else they reach is', async () => {
    const me = await addPerson(unique('me'), 'customer', 'acme');
    const colleague = await addPerson(unique('mate'), 'customer', 'acme');
    const view = await listPeople(as('customer', 'acme', me));
    expect(view.people.find((p) => p.email === me)).toMatchObject({ editable: false });
    expect(view.people.find((p) => p.email === colleague)).toMatchObject({ editable: true });
  });

  it('a config user with a row in the store too is listed once, as the config file’s', async () => {
    // The config file wins over a person of the same email in the store (lib/auth/people.ts).
    await store.db
      .insert(people)
      .values({
        email: 'owner@globex.test',
        name: 'Stale row',
        role: 'customer-viewer',
        workspace: 'globex',
        signIn: 'password',
        createdAt: new Date(),
      })
      .onConflictDoNothing();
    const view = await listPeople(as('customer', 'globex'));
    expect(view.people.filter((p) => p.email === 'owner@globex.test')).toEqual([
      expect.objectContaining({ name: 'Globex Owner', role: 'customer', source: 'config', editable: false }),
    ]);
  });

  it('counts live sessions by the configured idle and absolute limits, and shows when each was last seen', async () => {
    const admin = as('admin');
    const now = new Date(Date.UTC(2031, 2, 4, 12));
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const busy = await addPerson(unique('busy'), 'customer', 'acme');
    await addSession(busy, ago(1 * HOUR), ago(1 * MIN));
    await addSession(busy, ago(MAX_HOURS * HOUR - MIN), ago(IDLE_MINUTES * MIN - 1_000));
    await addSession(busy, ago(10 * MIN), ago(5 * MIN));
    await addSession(busy, ago(2 * HOUR), ago(30_000), ago(10_000)); // signed out: ended, though seen last
    const idle = await addPerson(unique('idle'), 'customer', 'acme');
    await addSession(idle, ago(1 * HOUR), ago(IDLE_MINUTES * MIN)); // idle exactly the limit: over
    await addSession(idle, ago(1 * HOUR), ago(IDLE_MINUTES * MIN + 1_000));
    const old = await addPerson(unique('old'), 'customer', 'acme');
    await addSession(old, ago(MAX_HOURS * HOUR), ago(1 * MIN)); // signed in exactly the limit ago: over
    await addSession(old, ago(MAX_HOURS * HOUR + MIN), ago(2 * MIN));
    const fresh = await addPerson(unique('fresh'), 'customer', 'acme');
    await addSession(fresh, ago(MAX_HOURS * HOUR - 1_000), ago(IDLE_MINUTES * MIN - 1_000));
    const never = await addPerson(unique('never'), 'customer', 'acme');

    const view = await listPeople(admin, now);
    const of = (email: string) => view.people.find((p) => p.email === email);
    expect(of(busy)).toMatchObject({ activeSessions: 3, lastSeenAt: ago(10_000 + 20_000).toISOString() });
    expect(of(idle)).toMatchObject({ activeSessions: 0, lastSeenAt: ago(IDLE_MINUTES * MIN).toISOString() });
    expect(of(old)).toMatchObject({ activeSessions: 0, lastSeenAt: ago(1 * MIN).toISOString() });
    expect(of(fresh)).toMatchObject({ activeSessions: 1, lastSeenAt: ago(IDLE_MINUTES * MIN - 1_000).toISOString() });
    expect(of(never)).toMatchObject({ activeSessions: 0, lastSeenAt: null });

    // A little later the same sessions have gone idle or too old: the count follows the clock passed in.
    const later = await listPeople(admin, new Date(now.getTime() + 2_000));
    expect(later.people.find((p) => p.email === fresh)).toMatchObject({ activeSessions: 0 });
    expect(later.people.find((p) => p.email === busy)).toMatchObject({ activeSessions: 2 });
  });

  it('counts a config user’s sessions too', async () => {
    const now = new Date(Date.UTC(2032, 6, 1));
    await addSession('owner@acme.test', new Date(now.getTime() - HOUR), new Date(now.getTime() - MIN));
    const view = await listPeople(as('customer', 'acme'), now);
    expect(view.people.find((p) => p.email === 'owner@acme.test')).toMatchObject({
      source: 'config',
      activeSessions: 1,
      lastSeenAt: new Date(now.getTime() - MIN).toISOString(),
    });
  });
});

describe('the pending invitations on the list', () => {
  const made = (email: string, role: Role, workspace: string | null, now: Date, hours: number, invitedBy: string | null = null) =>
    createInvitation({ kind: 'invitation', email, role, workspace, invitedBy, now, hours });

  it('are those not used and not expired, soonest to expire first, with who invited whom', async () => {
    const admin = as('admin');
    const now = new Date(Date.UTC(2033, 0, 10));
    const late = await made(unique('late'), 'customer', 'acme', now, 48, 'owner@acme.test');
    const soon = await made(unique('soon', 'globex.test'), 'customer-viewer', 'globex', now, 2);
    const staff = await made(unique('stf', 'demo.test'), 'support', null, now, 24, 'root@demo.test');
    const mine = new Set([late.row.id, soon.row.id, staff.row.id]);
    const view = await listPeople(admin, new Date(now.getTime() + HOUR));
    expect(view.invitations.filter((i) => mine.has(i.id))).toEqual([
      {
        id: soon.row.id,
        email: soon.row.email,
        role: 'customer-viewer',
        workspace: 'globex',
        invitedBy: null,
        expiresAt: new Date(now.getTime() + 2 * HOUR).toISOString(),
      },
      {
        id: staff.row.id,
        email: staff.row.email,
        role: 'support',
        workspace: null,
        invitedBy: 'root@demo.test',
        expiresAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
      },
      {
        id: late.row.id,
        email: late.row.email,
        role: 'customer',
        workspace: 'acme',
        invitedBy: 'owner@acme.test',
        expiresAt: new Date(now.getTime() + 48 * HOUR).toISOString(),
      },
    ]);
    const all = view.invitations.map((i) => i.expiresAt);
    expect(all).toEqual([...all].sort());
  });

  it('leave out a used one, an expired one (at the moment it expires), and the first admin’s link', async () => {
    const admin = as('admin');
    const now = new Date(Date.UTC(2034, 3, 5));
    const open = await made(unique('open'), 'customer', 'acme', now, 3);
    const used = await made(unique('used'), 'customer', 'acme', now, 3);
    await store.db.update(invitations).set({ usedAt: now }).where(eq(invitations.id, used.row.id));
    const expiring = await made(unique('expiring'), 'customer', 'acme', now, 1);
    const first = await createInvitation({
      kind: 'first-admin',
      email: null,
      role: 'admin',
      workspace: null,
      invitedBy: null,
      now,
      hours: 3,
    });
    const ids = async (at: Date) => (await listPeople(admin, at)).invitations.map((i) => i.id);

    const before = await ids(new Date(now.getTime() + HOUR - 1));
    expect(before).toContain(open.row.id);
    expect(before).toContain(expiring.row.id);
    expect(before).not.toContain(used.row.id);
    expect(before).not.toContain(first.row.id);

    const atExpiry = await ids(new Date(now.getTime() + HOUR));
    expect(atExpiry).toContain(open.row.id);
    expect(atExpiry).not.toContain(expiring.row.id);
  });

  it('show an invitation without an email (made from a shell) with an empty one', async () => {
    const now = new Date(Date.UTC(2035, 1, 1));
    const blank = await createInvitation({ kind: 'invitation', email: null, role: 'customer', workspace: 'acme', invitedBy: null, now });
    const view = await listPeople(as('admin'), new Date(now.getTime() + MIN));
    expect(view.invitations.find((i) => i.id === blank.row.id)).toMatchObject({ email: '', role: 'customer', workspace: 'acme' });
  });
});

describe('inviting', () => {
  it('an admin invites anyone: the link is made, kept hashed in the store, and mailed with the inviter’s name', async () => {
    const admin = as('admin');
    const email = unique('new');
    const made = await invite(admin, { email, role: 'customer', workspace: 'acme' });
    const [row] = await invitationsFor(email);
    expect(row).toMatchObject({ kind: 'invitation', role: 'customer', workspace: 'acme', invitedBy: admin.email, usedAt: null });
    expect(made).toEqual({
      id: row!.id,
      email,
      role: 'customer',
      workspace: 'acme',
      expiresAt: row!.expiresAt.toISOString(),
      link: expect.stringMatching(/^http:\/\/console\.test\/invite#[A-Za-z0-9_-]{43}$/),
      mailed: true,
    });
    expect(row!.tokenHash).not.toContain(made.link.split('#')[1]);
    expect(mail.sent.filter(([to]) => to === email)).toEqual([[email, made.link, row!.expiresAt, admin.name]]);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(72 * HOUR);
  });

  it('says when the mail could not go, and still answers the link', async () => {
    mail.answer = false;
    const email = unique('nomail');
    const made = await invite(as('admin'), { email, role: 'customer-viewer', workspace: 'globex' });
    expect(made).toMatchObject({ email, mailed: false, link: expect.stringContaining('/invite#') });
    expect(await invitationsFor(email)).toHaveLength(1);
  });

  it('an admin gives a staff role without a workspace, and not with one', async () => {
    const admin = as('admin');
    for (const role of ['admin', 'support', 'viewer'] as const) {
      const email = unique(role, 'demo.test');
      expect(await invite(admin, { email, role })).toMatchObject({ email, role, workspace: null });
      expect(await invitationsFor(email)).toEqual([expect.objectContaining({ role, workspace: null })]);
      const refused = unique(`${role}-ws`, 'demo.test');
      expect(await refusal(invite(admin, { email: refused, role, workspace: 'acme' }))).toMatchObject(STAFF_NO_WORKSPACE);
      expect(await invitationsFor(refused)).toEqual([]);
    }
  });

  it('an admin’s own workspace, should their row carry one, is no default for a customer role', async () => {
    const odd = as('admin', 'globex');
    const email = unique('nodefault');
    expect(await refusal(invite(odd, { email, role: 'customer-viewer' }))).toMatchObject(NEEDS_WORKSPACE);
    expect(await invitationsFor(email)).toEqual([]);
    const staff = await addPerson(unique('staffodd', 'demo.test'), 'support', null);
    expect(await refusal(changePerson(odd, staff, { role: 'customer' }))).toMatchObject(NEEDS_WORKSPACE);
    expect(await personOf(staff)).toMatchObject({ role: 'support', workspace: null });
  });

  it('an admin must name a known workspace for a customer role', async () => {
    const admin = as('admin');
    const none = unique('nows');
    expect(await refusal(invite(admin, { email: none, role: 'customer' }))).toMatchObject(NEEDS_WORKSPACE);
    const unknown = unique('unknown');
    expect(await refusal(invite(admin, { email: unknown, role: 'customer-viewer', workspace: 'initech' }))).toMatchObject(
      NO_SUCH_WORKSPACE,
    );
    const globex = unique('gx', 'globex.test');
    expect(await invite(admin, { email: globex, role: 'customer', workspace: 'globex' })).toMatchObject({ workspace: 'globex' });
    expect(await invitationsFor(none)).toEqual([]);
    expect(await invitationsFor(unknown)).toEqual([]);
  });

  it('a customer invites into their own workspace, named or not, and only the two customer roles', async () => {
    const owner = as('customer', 'acme');
    const implicit = unique('implicit');
    expect(await invite(owner, { email: implicit, role: 'customer-viewer' })).toMatchObject({ workspace: 'acme' });
    const named = unique('named');
    expect(await invite(owner, { email: named, role: 'customer', workspace: 'acme' })).toMatchObject({ workspace: 'acme' });
    expect(await invitationsFor(implicit)).toEqual([expect.objectContaining({ workspace: 'acme', invitedBy: owner.email })]);

    for (const role of ['admin', 'support', 'viewer'] as const) {
      const email = unique(`cust-${role}`);
      expect(await refusal(invite(owner, { email, role }))).toMatchObject(ONLY_CUSTOMER_ROLES);
      expect(await invitationsFor(email)).toEqual([]);
    }
  });

  it('a customer may not invite into another workspace, even one that exists', async () => {
    const owner = as('customer', 'acme');
    const email = unique('elsewhere', 'globex.test');
    expect(await refusal(invite(owner, { email, role: 'customer', workspace: 'globex' }))).toMatchObject(OWN_WORKSPACE_ONLY);
    expect(await refusal(invite(owner, { email, role: 'customer', workspace: 'initech' }))).toMatchObject(OWN_WORKSPACE_ONLY);
    expect(await invitationsFor(email)).toEqual([]);
    expect(mail.sent.filter(([to]) => to === email)).toEqual([]);
  });

  it('a customer without a workspace must name one, and may not', async () => {
    const lost = as('customer', null);
    const email = unique('lost');
    expect(await refusal(invite(lost, { email, role: 'customer' }))).toMatchObject(NEEDS_WORKSPACE);
    expect(await refusal(invite(lost, { email, role: 'customer', workspace: 'acme' }))).toMatchObject(OWN_WORKSPACE_ONLY);
    expect(await invitationsFor(email)).toEqual([]);
  });

  it('refuses someone who may sign in already (config file or store), but invites a disabled person again', async () => {
    const admin = as('admin');
    const taken = {
      status: 409,
      title: 'Already a person',
      detail: 'This email may sign in already. Change their role on the People page instead.',
    };
    expect(await refusal(invite(admin, { email: 'owner@acme.test', role: 'customer', workspace: 'acme' }))).toMatchObject(taken);
    expect(await invitationsFor('owner@acme.test')).toEqual([]);
    const member = await addPerson(unique('member'), 'customer-viewer', 'acme');
    expect(await refusal(invite(admin, { email: member, role: 'customer', workspace: 'acme' }))).toMatchObject(taken);
    expect(await invitationsFor(member)).toEqual([]);
    const gone = await addPerson(unique('gone'), 'customer', 'acme', { disabledAt: new Date() });
    expect(await invite(admin, { email: gone, role: 'customer', workspace: 'acme' })).toMatchObject({ email: gone });
    expect(await invitationsFor(gone)).toHaveLength(1);
  });
});

describe('changing a person', () => {
  it('an admin changes a customer’s role: the workspace is kept, the row changed, before and after answered', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('promote'), 'customer-viewer', 'acme');
    const live = await addSession(email, new Date(), new Date());
    const changed = await changePerson(admin, email, { role: 'customer' });
    expect(changed).toEqual({
      before: { role: 'customer-viewer', workspace: 'acme', disabled: false },
      after: { role: 'customer', workspace: 'acme', disabled: false },
      workspace: 'acme',
    });
    expect(await personOf(email)).toMatchObject({ role: 'customer', workspace: 'acme', disabledAt: null });
    // A role change takes effect on the next request: the session goes on.
    expect((await sessionsOf(email)).find((row) => row.id === live)).toMatchObject({ endedAt: null });
  });

  it('an admin moves a customer to a staff role (no workspace any more) and staff to a customer role only with a workspace', async () => {
    const admin = as('admin');
    const customer = await addPerson(unique('tostaff'), 'customer', 'globex');
    expect(await changePerson(admin, customer, { role: 'support' })).toEqual({
      before: { role: 'customer', workspace: 'globex', disabled: false },
      after: { role: 'support', workspace: null, disabled: false },
      workspace: null,
    });
    expect(await personOf(customer)).toMatchObject({ role: 'support', workspace: null });

    const staff = await addPerson(unique('tocust', 'demo.test'), 'viewer', null);
    expect(await refusal(changePerson(admin, staff, { role: 'customer-viewer' }))).toMatchObject(NEEDS_WORKSPACE);
    expect(await personOf(staff)).toMatchObject({ role: 'viewer', workspace: null });

    const promoted = await addPerson(unique('toadmin', 'demo.test'), 'viewer', null);
    expect(await changePerson(admin, promoted, { role: 'admin' })).toMatchObject({ after: { role: 'admin', workspace: null } });
  });

  it('a customer changes the people of their own workspace between the customer roles only', async () => {
    const owner = as('customer', 'acme');
    const colleague = await addPerson(unique('col'), 'customer-viewer', 'acme');
    expect(await changePerson(owner, colleague, { role: 'customer' })).toMatchObject({
      after: { role: 'customer', workspace: 'acme', disabled: false },
      workspace: 'acme',
    });
    for (const role of ['admin', 'support', 'viewer'] as const)
      expect(await refusal(changePerson(owner, colleague, { role }))).toMatchObject(ONLY_CUSTOMER_ROLES);
    expect(await personOf(colleague)).toMatchObject({ role: 'customer', workspace: 'acme' });
  });

  it('a customer may not change a staff role left on a row of their workspace', async () => {
    const owner = as('customer', 'acme');
    const odd = await addPerson(unique('odd'), 'support', 'acme');
    expect(await refusal(changePerson(owner, odd, { role: 'customer-viewer' }))).toMatchObject({
      status: 403,
      title: 'Not allowed',
      detail: 'You may change only people with a customer role.',
    });
    expect(await personOf(odd)).toMatchObject({ role: 'support', workspace: 'acme' });
  });

  it('nor disable one, nor end their sessions that way', async () => {
    const owner = as('customer', 'acme');
    const odd = await addPerson(unique('odd'), 'viewer', 'acme');
    await addSession(odd, new Date(), new Date());
    expect(await refusal(changePerson(owner, odd, { disabled: true }))).toMatchObject({
      status: 403,
      detail: 'You may change only people with a customer role.',
    });
    expect(await personOf(odd)).toMatchObject({ role: 'viewer', disabledAt: null });
    expect((await sessionsOf(odd)).map((row) => row.endedAt)).toEqual([null]);
  });

  it('a customer reaches no one of another workspace, nor staff: not found, as if they did not exist', async () => {
    const owner = as('customer', 'acme');
    const stranger = await addPerson(unique('str', 'globex.test'), 'customer', 'globex');
    const staff = await addPerson(unique('adm', 'demo.test'), 'admin', null);
    for (const email of [stranger, staff, unique('nobody')]) {
      expect(await refusal(changePerson(owner, email, { disabled: true }))).toMatchObject(NOT_FOUND);
      expect(await refusal(changePerson(owner, email, { role: 'customer-viewer' }))).toMatchObject(NOT_FOUND);
    }
    expect(await refusal(changePerson(owner, 'owner@globex.test', { disabled: true }))).toMatchObject(NOT_FOUND);
    expect(await refusal(changePerson(owner, 'support@demo.test', { disabled: true }))).toMatchObject(NOT_FOUND);
    expect(await personOf(stranger)).toMatchObject({ disabledAt: null, role: 'customer' });
    expect(await personOf(staff)).toMatchObject({ disabledAt: null, role: 'admin' });
  });

  it('an admin is told a missing person is not found', async () => {
    expect(await refusal(changePerson(as('admin'), unique('ghost'), { disabled: true }))).toMatchObject(NOT_FOUND);
  });

  it('a config user is changed in the file only', async () => {
    const inFile = { status: 409, title: 'Set in the config file', detail: 'This person is in the config file: change them there.' };
    expect(await refusal(changePerson(as('admin'), 'support@demo.test', { role: 'viewer' }))).toMatchObject(inFile);
    expect(await refusal(changePerson(as('admin'), 'owner@globex.test', { disabled: true }))).toMatchObject(inFile);
    expect(await refusal(changePerson(as('customer', 'acme'), 'owner@acme.test', { role: 'customer-viewer' }))).toMatchObject(inFile);
  });

  it('not on oneself', async () => {
    const me = await addPerson(unique('self', 'demo.test'), 'admin', null);
    const own = { status: 409, title: 'Not on yourself', detail: 'Ask another admin to change your own role or to disable you.' };
    expect(await refusal(changePerson(as('admin', null, me), me, { role: 'viewer' }))).toMatchObject(own);
    expect(await refusal(changePerson(as('admin', null, me), me, { disabled: true }))).toMatchObject(own);
    expect(await personOf(me)).toMatchObject({ role: 'admin', disabledAt: null });
  });

  it('finds the person by their email however it is written (case, spaces), the caller themselves and config users too', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('mixed'), 'customer-viewer', 'acme');
    await addSession(email, new Date(), new Date());
    const written = `  ${email.toUpperCase()} `;
    expect(await changePerson(admin, written, { disabled: true })).toMatchObject({ after: { disabled: true, sessionsEnded: 1 } });
    expect(await personOf(email)).toMatchObject({ disabledAt: expect.any(Date) });
    expect(await revokeSessions(admin, written)).toEqual({ ended: 0, workspace: 'acme' });
    const me = await addPerson(unique('self', 'demo.test'), 'admin', null);
    expect(await refusal(changePerson(as('admin', null, me), me.toUpperCase(), { disabled: true }))).toMatchObject({
      title: 'Not on yourself',
    });
    expect(await refusal(changePerson(admin, ' Support@Demo.test', { role: 'viewer' }))).toMatchObject({ title: 'Set in the config file' });
  });

  it('a single sign-on person’s role comes from their provider; they may still be disabled', async () => {
    const admin = as('admin');
    const sso = await addPerson(unique('sso'), 'customer', 'acme', { signIn: 'sso:okta', passwordHash: null });
    expect(await refusal(changePerson(admin, sso, { role: 'customer-viewer' }))).toMatchObject({
      status: 409,
      title: 'Set by single sign-on',
      detail: 'This person’s role comes from their identity provider’s groups, at each sign-in.',
    });
    expect(await personOf(sso)).toMatchObject({ role: 'customer', disabledAt: null });
    // Their own role again is no change of role.
    expect(await changePerson(admin, sso, { role: 'customer', disabled: true })).toMatchObject({
      after: { role: 'customer', disabled: true },
    });
    expect(await changePerson(admin, sso, { disabled: false })).toMatchObject({ after: { role: 'customer', disabled: false } });
  });

  it('disabling ends every session of the person at once, and says how many', async () => {
    const owner = as('customer', 'acme');
    const email = await addPerson(unique('off'), 'customer-viewer', 'acme');
    const now = new Date();
    await addSession(email, now, now);
    await addSession(email, now, now);
    const earlier = new Date(now.getTime() - HOUR);
    await addSession(email, earlier, earlier, earlier);
    const other = await addPerson(unique('bystander'), 'customer-viewer', 'acme');
    await addSession(other, now, now);

    const changed = await changePerson(owner, email, { disabled: true });
    expect(changed).toEqual({
      before: { role: 'customer-viewer', workspace: 'acme', disabled: false },
      after: { role: 'customer-viewer', workspace: 'acme', disabled: true, sessionsEnded: 2 },
      workspace: 'acme',
    });
    const rows = await sessionsOf(email);
    expect(rows.every((row) => row.endedAt !== null)).toBe(true);
    expect(rows.filter((row) => row.endReason === 'disabled')).toHaveLength(2);
    expect(rows.find((row) => row.endedAt?.getTime() === earlier.getTime())).toBeDefined();
    expect((await personOf(email))!.disabledAt).toBeInstanceOf(Date);
    expect(await sessionsOf(other)).toEqual([expect.objectContaining({ endedAt: null })]);
    expect((await listPeople(owner)).people.find((p) => p.email === email)).toMatchObject({ disabled: true, activeSessions: 0 });
  });

  it('disabling someone without sessions says nothing of sessions; disabling again keeps when it was first done', async () => {
    const admin = as('admin');
    const since = new Date(Date.UTC(2030, 0, 1));
    const email = await addPerson(unique('already'), 'customer', 'globex', { disabledAt: since });
    expect(await changePerson(admin, email, { disabled: true })).toEqual({
      before: { role: 'customer', workspace: 'globex', disabled: true },
      after: { role: 'customer', workspace: 'globex', disabled: true },
      workspace: 'globex',
    });
    expect((await personOf(email))!.disabledAt).toEqual(since);

    const fresh = await addPerson(unique('quiet'), 'customer', 'globex');
    expect((await changePerson(admin, fresh, { disabled: true })).after).toEqual({ role: 'customer', workspace: 'globex', disabled: true });
  });

  it('enabling a person again clears the mark and ends no session', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('back'), 'customer', 'acme', { disabledAt: new Date() });
    const id = await addSession(email, new Date(), new Date());
    expect(await changePerson(admin, email, { disabled: false })).toEqual({
      before: { role: 'customer', workspace: 'acme', disabled: true },
      after: { role: 'customer', workspace: 'acme', disabled: false },
      workspace: 'acme',
    });
    expect(await personOf(email)).toMatchObject({ disabledAt: null });
    expect((await sessionsOf(email)).find((row) => row.id === id)).toMatchObject({ endedAt: null });
  });

  it('a role change alone leaves a disabled person disabled, and an enabled one enabled', async () => {
    const admin = as('admin');
    const since = new Date(Date.UTC(2030, 5, 1));
    const off = await addPerson(unique('offrole'), 'customer', 'acme', { disabledAt: since });
    expect(await changePerson(admin, off, { role: 'customer-viewer' })).toEqual({
      before: { role: 'customer', workspace: 'acme', disabled: true },
      after: { role: 'customer-viewer', workspace: 'acme', disabled: true },
      workspace: 'acme',
    });
    expect(await personOf(off)).toMatchObject({ role: 'customer-viewer', disabledAt: since });
  });

  it('the role a person already has changes nothing and writes nothing', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('same'), 'customer', 'acme');
    const rowBefore = await personOf(email);
    const unchanged = { role: 'customer', workspace: 'acme', disabled: false };
    expect(await changePerson(admin, email, { role: 'customer' })).toEqual({ before: unchanged, after: unchanged, workspace: 'acme' });
    expect(await changePerson(as('customer', 'acme'), email, {})).toEqual({ before: unchanged, after: unchanged, workspace: 'acme' });
    expect(await personOf(email)).toEqual(rowBefore);
  });

  it('a role change and a disable at once do both', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('both'), 'customer', 'acme');
    await addSession(email, new Date(), new Date());
    expect(await changePerson(admin, email, { role: 'customer-viewer', disabled: true })).toEqual({
      before: { role: 'customer', workspace: 'acme', disabled: false },
      after: { role: 'customer-viewer', workspace: 'acme', disabled: true, sessionsEnded: 1 },
      workspace: 'acme',
    });
  });
});

describe('ending a person’s sessions', () => {
  it('an admin ends every live session of anyone in the store, and is told how many and of which workspace', async () => {
    const admin = as('admin');
    const email = await addPerson(unique('rev', 'globex.test'), 'customer', 'globex');
    const now = new Date();
    await addSession(email, now, now);
    await addSession(email, now, now);
    await addSession(email, now, now, now);
    expect(await revokeSessions(admin, email)).toEqual({ ended: 2, workspace: 'globex' });
    const rows = await sessionsOf(email);
    expect(rows.every((row) => row.endedAt !== null)).toBe(true);
    expect(rows.filter((row) => row.endReason === 'revoked')).toHaveLength(2);
    // The person themselves is not changed.
    expect(await personOf(email)).toMatchObject({ disabledAt: null, role: 'customer' });
    expect(await revokeSessions(admin, email)).toEqual({ ended: 0, workspace: 'globex' });
  });

  it('a config user’s too, with the file’s workspace (none for staff)', async () => {
    const admin = as('admin');
    const now = new Date();
    await addSession('owner@globex.test', now, now);
    expect(await revokeSessions(admin, 'owner@globex.test')).toMatchObject({ workspace: 'globex' });
    expect((await sessionsOf('owner@globex.test')).every((row) => row.endedAt !== null)).toBe(true);
    expect(await revokeSessions(admin, 'support@demo.test')).toMatchObject({ workspace: null });
    const staff = await addPerson(unique('revstaff', 'demo.test'), 'viewer', null);
    expect(await revokeSessions(admin, staff)).toEqual({ ended: 0, workspace: null });
  });

  it('a customer ends those of their own workspace only', async () => {
    const owner = as('customer', 'acme');
    const colleague = await addPerson(unique('rcol'), 'customer-viewer', 'acme');
    const stranger = await addPerson(unique('rstr', 'globex.test'), 'customer-viewer', 'globex');
    const now = new Date();
    await addSession(colleague, now, now);
    await addSession(stranger, now, now);
    expect(await revokeSessions(owner, colleague)).toEqual({ ended: 1, workspace: 'acme' });
    expect(await revokeSessions(owner, 'owner@acme.test')).toMatchObject({ workspace: 'acme' });
    expect(await refusal(revokeSessions(owner, stranger))).toMatchObject(NOT_FOUND);
    expect(await refusal(revokeSessions(owner, 'owner@globex.test'))).toMatchObject(NOT_FOUND);
    expect(await refusal(revokeSessions(owner, 'root@demo.test'))).toMatchObject(NOT_FOUND);
    expect(await refusal(revokeSessions(owner, unique('nobody')))).toMatchObject(NOT_FOUND);
    expect(await sessionsOf(stranger)).toEqual([expect.objectContaining({ endedAt: null })]);
  });
});
