import 'server-only';
import { and, count, eq, gt, isNull, max, type SQL } from 'drizzle-orm';
import { findPerson, personRow } from '@/lib/auth/people';
import { createInvitation } from '@/lib/auth/invitations';
import { sendInvitationMail } from '@/lib/auth/mail';
import { endSessionsOf } from '@/lib/auth/sessions';
import { getConfig, type User } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { invitations, people, sessions } from '@/lib/db/schema';
import type { InvitationInput, PeopleView, PersonChange, PersonView } from '@/lib/schemas/people';
import { grantableRoles, isCustomerRole, mayManagePeople, type Role } from '@/lib/schemas/roles';
import { HttpError } from './problem';

/*
 * The People page's service (docs/product.md, "People and sign-in"): an admin
 * manages anyone; a customer the people of their own workspace, and gives
 * only the two customer roles (docs/security.md, A37). Config users are
 * listed but changed only in the file.
 */

const NOT_FOUND = () => new HttpError(404, 'Person not found', 'No such person, or you may not see them.');

export function requireManager(user: User): void {
  if (!mayManagePeople(user.role)) throw new HttpError(403, 'Not allowed', 'Your role may not manage people.');
}

/** Whether `user` may see (and so manage) a person of this workspace. */
const inReach = (user: User, workspace: string | null) => user.role === 'admin' || (workspace !== null && workspace === user.workspace);

export async function listPeople(user: User, now = new Date()): Promise<PeopleView> {
  requireManager(user);
  const { db } = await store();
  const scope: SQL | undefined = user.role === 'admin' ? undefined : eq(people.workspace, user.workspace ?? '');
  const [rows, seen, pending] = await Promise.all([
    db.select().from(people).where(scope),
    db
      .select({ email: sessions.email, lastSeenAt: max(sessions.lastSeenAt) })
      .from(sessions)
      .groupBy(sessions.email),
    db
      .select()
      .from(invitations)
      .where(
        and(
          isNull(invitations.usedAt),
          gt(invitations.expiresAt, now),
          eq(invitations.kind, 'invitation'),
          user.role === 'admin' ? undefined : eq(invitations.workspace, user.workspace ?? ''),
        ),
      ),
  ]);
  const { idleMinutes, maxHours } = getConfig().session;
  // Live sessions: not ended, not idle, not too old.
  const live = await db
    .select({ email: sessions.email, n: count() })
    .from(sessions)
    .where(
      and(
        isNull(sessions.endedAt),
        gt(sessions.lastSeenAt, new Date(now.getTime() - idleMinutes * 60_000)),
        gt(sessions.createdAt, new Date(now.getTime() - maxHours * 3_600_000)),
      ),
    )
    .groupBy(sessions.email);
  const lastSeen = new Map(seen.map((s) => [s.email, s.lastSeenAt]));
  const liveCount = new Map(live.map((s) => [s.email, Number(s.n)]));
  const view = (p: Omit<PersonView, 'lastSeenAt' | 'activeSessions'>): PersonView => ({
    ...p,
    lastSeenAt: lastSeen.get(p.email)?.toISOString() ?? null,
    activeSessions: liveCount.get(p.email) ?? 0,
  });
  const fromConfig = [...getConfig().users.values()]
    .filter((u) => inReach(user, u.workspace))
    .map((u) =>
      view({ email: u.email, name: u.name, role: u.role, workspace: u.workspace, source: 'config', disabled: false, editable: false }),
    );
  const configEmails = new Set(fromConfig.map((p) => p.email));
  const fromStore = rows
    .filter((r) => !configEmails.has(r.email) && inReach(user, r.workspace))
    .map((r) =>
      view({
        email: r.email,
        name: r.name,
        role: r.role as Role,
        workspace: r.workspace,
        source: r.signIn,
        disabled: r.disabledAt !== null,
        editable: r.email !== user.email,
      }),
    );
  return {
    people: [...fromConfig, ...fromStore].sort((a, b) => a.email.localeCompare(b.email)),
    invitations: pending
      .map((i) => ({
        id: i.id,
        email: i.email ?? '',
        role: i.role,
        workspace: i.workspace,
        invitedBy: i.invitedBy,
        expiresAt: i.expiresAt.toISOString(),
      }))
      .sort((a, b) => a.expiresAt.localeCompare(b.expiresAt)),
  };
}

/** Checks that `user` may give `role` in `workspace`; answers the workspace the person will belong to. */
function grant(user: User, role: Role, workspace: string | undefined | null): string | null {
  if (!(grantableRoles(user.role) as readonly string[]).includes(role))
    throw new HttpError(403, 'Not allowed', 'You may give only the customer roles, in your own workspace.');
  if (!isCustomerRole(role)) {
    if (workspace)
      throw new HttpError(400, 'Invalid body', 'Staff roles belong to no workspace.', {
        invalidParams: [{ name: 'workspace', reason: 'Staff roles belong to no workspace' }],
      });
    return null;
  }
  const ws = workspace ?? (user.role === 'admin' ? undefined : (user.workspace ?? undefined));
  if (!ws)
    throw new HttpError(400, 'Invalid body', 'A customer role needs a workspace.', {
      invalidParams: [{ name: 'workspace', reason: 'Choose a workspace' }],
    });
  if (user.role !== 'admin' && ws !== user.workspace)
    throw new HttpError(403, 'Not allowed', 'You may invite people into your own workspace only.');
  if (!getConfig().workspaces.has(ws))
    throw new HttpError(400, 'Invalid body', 'No such workspace.', { invalidParams: [{ name: 'workspace', reason: 'No such workspace' }] });
  return ws;
}

export async function invite(user: User, input: InvitationInput) {
  requireManager(user);
  const workspace = grant(user, input.role, input.workspace);
  if (getConfig().users.has(input.email) || (await findPerson(input.email)))
    throw new HttpError(409, 'Already a person', 'This email may sign in already. Change their role on the People page instead.');
  const { row, link } = await createInvitation({
    kind: 'invitation',
    email: input.email,
    role: input.role,
    workspace,
    invitedBy: user.email,
  });
  const mailed = await sendInvitationMail(input.email, link, row.expiresAt, user.name);
  return { id: row.id, email: input.email, role: input.role, workspace, expiresAt: row.expiresAt.toISOString(), link, mailed };
}

/** A person in the store the caller may manage (config users are changed in the file only). */
async function manageable(user: User, email: string) {
  requireManager(user);
  if (getConfig().users.has(email)) {
    const u = getConfig().users.get(email)!;
    if (!inReach(user, u.workspace)) throw NOT_FOUND();
    return { row: null, config: u };
  }
  const row = await personRow(email);
  if (!row || !inReach(user, row.workspace)) throw NOT_FOUND();
  return { row, config: null };
}

/** People are keyed by their email as the store holds it: trimmed and lower-case, whatever a caller passes. */
const normalized = (email: string) => email.trim().toLowerCase();

export async function changePerson(user: User, raw: string, change: PersonChange) {
  const email = normalized(raw);
  const { row } = await manageable(user, email);
  if (!row) throw new HttpError(409, 'Set in the config file', 'This person is in the config file: change them there.');
  if (email === user.email) throw new HttpError(409, 'Not on yourself', 'Ask another admin to change your own role or to disable you.');
  // A customer changes (or disables) only people with a customer role, whatever the change (A37).
  if (!(grantableRoles(user.role) as readonly string[]).includes(row.role))
    throw new HttpError(403, 'Not allowed', 'You may change only people with a customer role.');
  const before = { role: row.role, workspace: row.workspace, disabled: row.disabledAt !== null };
  const set: Partial<typeof people.$inferInsert> = {};
  if (change.role !== undefined && change.role !== row.role) {
    if (row.signIn.startsWith('sso:'))
      throw new HttpError(409, 'Set by single sign-on', 'This person’s role comes from their identity provider’s groups, at each sign-in.');
    // A customer keeps their workspace; an admin moving someone to a customer role needs one (kept from before).
    set.workspace = grant(user, change.role, isCustomerRole(change.role) ? (row.workspace ?? undefined) : null);
    set.role = change.role;
  }
  if (change.disabled !== undefined) set.disabledAt = change.disabled ? (row.disabledAt ?? new Date()) : null;
  // Nothing to change (the role they have, say): the person as they are, and no write.
  if (Object.keys(set).length === 0) return { before, after: before, workspace: row.workspace };
  const { db } = await store();
  const [updated] = await db.update(people).set(set).where(eq(people.email, email)).returning();
  // Disabling ends every session at once (A31); a role change takes effect on the next request anyway.
  const ended = change.disabled ? await endSessionsOf(email, 'disabled') : 0;
  const after = {
    role: updated!.role,
    workspace: updated!.workspace,
    disabled: updated!.disabledAt !== null,
    ...(ended ? { sessionsEnded: ended } : {}),
  };
  return { before, after, workspace: updated!.workspace };
}

export async function revokeSessions(user: User, raw: string): Promise<{ ended: number; workspace: string | null }> {
  const email = normalized(raw);
  const found = await manageable(user, email);
  const ended = await endSessionsOf(email, 'revoked');
  return { ended, workspace: found.row?.workspace ?? found.config?.workspace ?? null };
}
