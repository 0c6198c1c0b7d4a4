import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A replace (unlink, then link) while it runs (lib/bff/replace-journal.ts):
 * its instance renews `leaseUntil` every few seconds. A row whose lease ran
 * out was left by an instance that died mid-way; another instance claims it
 * and puts the account back as it was. Never a credential.
 */
export const replaceIntents = pgTable(
  'replace_intents',
  {
    id: text('id').primaryKey(),
    workspace: text('workspace').notNull(),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    fromApplication: text('from_application'),
    toApplication: text('to_application').notNull(),
    /** Who asked, as the activity log names them (lib/activity/event.ts). */
    actor: jsonb('actor').notNull(),
    requestId: text('request_id').notNull(),
    owner: text('owner').notNull(),
    startedAt: at('started_at').notNull(),
    leaseUntil: at('lease_until').notNull(),
  },
  (t) => [index('replace_intents_lease').on(t.leaseUntil)],
);
