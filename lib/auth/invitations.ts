import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getConfig } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { invitations, people } from '@/lib/db/schema';
import { env } from '@/lib/env';
import { grantableRoles, isCustomerRole, type Role } from '@/lib/schemas/roles';
import { passwordProblem } from './password-policy';
import { hashPassword } from './password';
import { findPerson, personRow } from './people';

/*
 * Invitations and the first admin's link (docs/security.md, A37): a one-time
 * link whose token is shown once and kept only as its SHA-256. Opening it
 * lets the person choose a password; used twice, expired, or from an inviter
 * who may no longer invite: refused.
 */
export const INVITATION_HOURS = 72;
export const FIRST_ADMIN_HOURS = 1;

export type InvitationRow = typeof invitations.$inferSelect;

const digest = (token: string) => createHash('sha256').update(token).digest('base64url');

/** The link a person opens: the token rides in the fragment, so it is never in a server log or a Referer. */
export function invitationLink(token: string, origin = env().NEXTAUTH_URL ?? 'http://127.0.0.1:3000'): string {
  return `${origin.replace(/\/+$/, '')}/invite#${token}`;
}

export async function createInvitation(input: {
  kind: 'invitation' | 'first-admin';
  email: string | null;
  role: Role;
  workspace: string | null;
  invitedBy: string | null;
  hours?: number;
  now?: Date;
}): Promise<{ row: InvitationRow; token: string; link: string }> {
  const now = input.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const hours = input.hours ?? (input.kind === 'first-admin' ? FIRST_ADMIN_HOURS : INVITATION_HOURS);
  const { db } = await store();
  const [row] = await db
    .insert(invitations)
    .values({
      id: randomUUID(),
      tokenHash: digest(token),
      kind: input.kind,
      email: input.email?.trim().toLowerCase() ?? null,
      role: input.role,
      workspace: input.workspace,
      invitedBy: input.invitedBy,
      createdAt: now,
      expiresAt: new Date(now.getTime() + hours * 3_600_000),
    })
    .returning();
  return { row: row!, token, link: invitationLink(token) };
}

export type InvitationRefusal = 'unknown' | 'used' | 'expired' | 'inviter';

export const REFUSAL_WORDS: Record<InvitationRefusal, string> = {
  unknown: 'This invitation link is not valid. Ask for a new one.',
  used: 'This invitation has already been used. Sign in, or ask for a new one.',
  expired: 'This invitation has expired. Ask for a new one.',
  inviter: 'The person who invited you may no longer invite. Ask someone else for a new invitation.',
};

/** An invitation that may still be used, or why not. */
export async function openInvitation(
  token: string,
  now = new Date(),
): Promise<{ row: InvitationRow } | { refused: InvitationRefusal; row?: InvitationRow }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { refused: 'unknown' };
  const { db } = await store();
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, digest(token)))
    .limit(1);
  if (!row) return { refused: 'unknown' };
  if (row.usedAt) return { refused: 'used', row };
  if (row.expiresAt.getTime() <= now.getTime()) return { refused: 'expired', row };
  if (row.invitedBy) {
    // The inviter must still be someone who may give this role in this workspace.
    const inviter = await findPerson(row.invitedBy);
    const allowed =
      inviter &&
      (grantableRoles(inviter.role) as readonly string[]).includes(row.role) &&
      (inviter.role === 'admin' || inviter.workspace === row.workspace);
    if (!allowed) return { refused: 'inviter', row };
  }
  return { row };
}

export type AcceptResult =
  | { ok: true; email: string; row: InvitationRow }
  | { ok: false; refused: InvitationRefusal; row?: InvitationRow }
  | { ok: false; field: 'password' | 'email' | 'name'; reason: string };

/** Uses an invitation: the person is made (or enabled again with the invitation's role), and the link is spent. */
export async function acceptInvitation(
  input: { token: string; password: string; name: string; email?: string },
  now = new Date(),
): Promise<AcceptResult> {
  const opened = await openInvitation(input.token, now);
  if ('refused' in opened) return { ok: false, ...opened };
  const { row } = opened;
  const email = (row.email ?? input.email ?? '').trim().toLowerCase();
  if (!email) return { ok: false, field: 'email', reason: 'Give your email address.' };
  if (getConfig().users.has(email)) return { ok: false, field: 'email', reason: 'This email signs in through the config file already.' };
  const existing = await personRow(email);
  if (existing?.signIn.startsWith('sso:') && !existing.disabledAt)
    return { ok: false, field: 'email', reason: 'This email signs in through single sign-on already.' };
  const problem = await passwordProblem(input.password, email);
  if (problem) return { ok: false, field: 'password', reason: problem };
  const passwordHash = await hashPassword(input.password);
  const { db } = await store();
  return db.transaction(async (tx) => {
    // Spent first, under the row's lock: two tabs opening the same link cannot both use it.
    const spent = await tx
      .update(invitations)
      .set({ usedAt: now })
      .where(and(eq(invitations.id, row.id), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
      .returning({ id: invitations.id });
    if (spent.length === 0) return { ok: false as const, refused: 'used' as const, row };
    const person = {
      name: input.name.trim() || email,
      role: row.role,
      workspace: isCustomerRole(row.role) ? row.workspace : null,
      signIn: 'password',
      passwordHash,
      invitedBy: row.invitedBy,
      disabledAt: null,
    };
    await tx
      .insert(people)
      .values({ email, createdAt: now, ...person })
      .onConflictDoUpdate({ target: people.email, set: person });
    return { ok: true as const, email, row };
  });
}
