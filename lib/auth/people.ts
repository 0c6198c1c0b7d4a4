import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getConfig, type User } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { people } from '@/lib/db/schema';
import { ROLES, type Role } from '@/lib/schemas/roles';

export type PersonRow = typeof people.$inferSelect;

const asRole = (r: string): Role => ((ROLES as readonly string[]).includes(r) ? (r as Role) : 'customer-viewer');

export function userFromRow(row: Pick<PersonRow, 'email' | 'name' | 'role' | 'workspace' | 'passwordHash' | 'signIn'>): User {
  return {
    email: row.email,
    name: row.name,
    role: asRole(row.role),
    workspace: row.workspace,
    passwordHash: row.passwordHash,
    source: row.signIn === 'password' ? 'password' : (row.signIn as `sso:${string}`),
  };
}

/** A config user wins over a person of the same email in the store (the file is the bootstrap's last word). */
export function configUser(email: string): User | undefined {
  return getConfig().users.get(email.trim().toLowerCase());
}

/** Who may sign in as this email right now: a config user, or a person in the store who is not disabled. */
export async function findPerson(email: string): Promise<User | null> {
  const normalized = email.trim().toLowerCase();
  const fromConfig = configUser(normalized);
  if (fromConfig) return fromConfig;
  const { db } = await store();
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.email, normalized), isNull(people.disabledAt)))
    .limit(1);
  return row ? userFromRow(row) : null;
}

/** The store's row of a person, disabled or not (the People page and its changes). */
export async function personRow(email: string): Promise<PersonRow | null> {
  const { db } = await store();
  const [row] = await db.select().from(people).where(eq(people.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}

/** True when someone may act as an admin: a config admin, or an enabled admin in the store. */
export async function anAdminExists(): Promise<boolean> {
  if ([...getConfig().users.values()].some((u) => u.role === 'admin')) return true;
  const { db } = await store();
  const [row] = await db
    .select({ n: sql<number>`1` })
    .from(people)
    .where(and(eq(people.role, 'admin'), isNull(people.disabledAt)))
    .limit(1);
  return Boolean(row);
}

/** A person who signed in through single sign-on: made on first sign-in, role and name set again at each. */
export async function upsertSsoPerson(user: Pick<User, 'email' | 'name' | 'role' | 'workspace'>, provider: string): Promise<void> {
  const { db } = await store();
  const email = user.email.trim().toLowerCase();
  await db
    .insert(people)
    .values({ email, name: user.name, role: user.role, workspace: user.workspace, signIn: `sso:${provider}`, createdAt: new Date() })
    .onConflictDoUpdate({
      target: people.email,
      set: { name: user.name, role: user.role, workspace: user.workspace, signIn: `sso:${provider}` },
    });
}
