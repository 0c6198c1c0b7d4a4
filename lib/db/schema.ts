import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/**
 * The console's own records. Vonage stays the source of truth for accounts
 * and applications: nothing here is a credential or a Page token.
 * Migrations: `npm run db:generate` after a change here (drizzle-kit), committed under lib/db/migrations.
 */

/**
 * The activity log: append-only (a trigger refuses UPDATE and DELETE but for
 * the retention job), each event chained to the one before it in its
 * workspace by `prevHash` → `hash`.
 */
export const activityEvents = pgTable(
  'activity_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** The chain this event belongs to: its workspace, or '' for events of no workspace (sign-ins). */
    chain: text('chain').notNull(),
    workspace: text('workspace'),
    actor: jsonb('actor').notNull(),
    action: text('action').notNull(),
    target: jsonb('target').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    outcome: text('outcome').notNull(),
    status: integer('status').notNull(),
    upstreamStatus: integer('upstream_status'),
    requestId: text('request_id').notNull(),
    correlationId: text('correlation_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('activity_chain_seq').on(t.chain, t.seq),
    index('activity_workspace_seq').on(t.workspace, t.seq),
    // One event may follow another in a chain: two writers that read the same head cannot both append (no fork).
    uniqueIndex('activity_chain_link').on(t.chain, t.prevHash),
    // The Activity page's person and account filters, newest first, without reading every event of the workspace.
    index('activity_workspace_actor_seq').on(t.workspace, sql`(${t.actor}->>'email')`, t.seq),
    index('activity_workspace_target_seq').on(t.workspace, sql`(${t.target}->>'id')`, t.seq),
  ],
);

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * People who sign in without being in the config file: invited (a password of
 * their own) or through single sign-on (role from their provider's groups, set
 * again at each sign-in). Config users are not here: they are edited in the file.
 */
export const people = pgTable('people', {
  email: text('email').primaryKey(),
  name: text('name').notNull(),
  role: text('role').notNull(),
  workspace: text('workspace'),
  /** 'password' (invited, or the first admin) or 'sso:<provider id>'. */
  signIn: text('sign_in').notNull(),
  /** A salted scrypt hash (lib/auth/password.ts); null for single sign-on. */
  passwordHash: text('password_hash'),
  invitedBy: text('invited_by'),
  createdAt: at('created_at').notNull(),
  disabledAt: at('disabled_at'),
});

/** Signed-in sessions: the session cookie names one by `id`; it ends when idle, too old, signed out or revoked. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    /** 'password' or 'sso:<provider id>'. */
    via: text('via').notNull(),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    endedAt: at('ended_at'),
    /** 'signed-out', 'signed-out-everywhere', 'revoked', 'disabled', 'role-changed'. */
    endReason: text('end_reason'),
  },
  (t) => [index('sessions_email').on(t.email)],
);

/** Invitations (and the first admin's one-time link): only the token's SHA-256 is kept, never the token. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    /** 'invitation' or 'first-admin'. */
    kind: text('kind').notNull(),
    /** Null for the first admin's link: whoever opens it chooses the email. */
    email: text('email'),
    role: text('role').notNull(),
    workspace: text('workspace'),
    /** Null when made from a shell (`npm run people`) or at first start. */
    invitedBy: text('invited_by'),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [index('invitations_email').on(t.email)],
);

/** Sign-in throttling counters, shared by every instance (rate-limiter-flexible's PostgreSQL table layout). */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

export * from './schema-index';
export * from './schema-replace';
