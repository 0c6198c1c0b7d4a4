import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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

export * from './schema-index';
