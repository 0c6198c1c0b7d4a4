import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/*
 * The account index (lib/index): every workspace's accounts and applications
 * as Vonage last answered, for search, totals and the application → accounts
 * lookup the API lacks. Never a token: a Messenger account keeps only the
 * 4-character hint the BFF shows anyway.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One account per workspace, provider and external id; `seenAt` is when Vonage last said so. */
export const indexAccounts = pgTable(
  'index_accounts',
  {
    workspace: text('workspace').notNull(),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name'),
    /** The one linked application (the API allows at most one), or null. */
    applicationId: text('application_id'),
    apiKey: text('api_key').notNull(),
    accessTokenHint: text('access_token_hint'),
    /** Lower-cased name and id, for search by part of either. */
    search: text('search').notNull(),
    seenAt: at('seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspace, t.provider, t.externalId] }),
    index('index_accounts_application').on(t.workspace, t.applicationId),
    index('index_accounts_external_id').on(sql`${t.externalId} text_pattern_ops`),
    /** Names (and ids) that start with the query: found whatever else matches it inside (lib/index/search.ts). */
    index('index_accounts_search_prefix').on(t.workspace, sql`${t.search} text_pattern_ops`),
    index('index_accounts_seen').on(t.workspace, t.seenAt),
  ],
);

/**
 * How many accounts each workspace has per provider and linked application
 * ('' for none), kept by the database itself: statement triggers on
 * index_accounts add and subtract what each insert, update and delete changed
 * (migration 0008). The overview reads a few of these rows, not every account.
 */
export const indexAccountTotals = pgTable(
  'index_account_totals',
  {
    workspace: text('workspace').notNull(),
    provider: text('provider').notNull(),
    applicationId: text('application_id').notNull(),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.provider, t.applicationId] })],
);

/** One application per workspace and id. */
export const indexApplications = pgTable(
  'index_applications',
  {
    workspace: text('workspace').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    messages: boolean('messages').notNull(),
    inboundUrl: text('inbound_url'),
    statusUrl: text('status_url'),
    seenAt: at('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspace, t.id] })],
);

/**
 * One row per workspace: when its last whole re-read finished (the index's
 * "as of"), how the last one went, and the lease that lets one instance at a
 * time re-read it (`leaseOwner` until `leaseUntil`).
 */
export const indexReads = pgTable('index_reads', {
  workspace: text('workspace').primaryKey(),
  asOf: at('as_of'),
  startedAt: at('started_at'),
  finishedAt: at('finished_at'),
  outcome: text('outcome'),
  accounts: integer('accounts'),
  applications: integer('applications'),
  calls: integer('calls'),
  leaseOwner: text('lease_owner'),
  leaseUntil: at('lease_until'),
});
