import type { Account } from './account';
import type { Application } from './application';
import type { Provider } from './providers';

/*
 * What the BFF answers from the account index (docs/api.md). Types only: the
 * answers are the BFF's own, held to these shapes by the integration tests,
 * so no page loads a schema library for them.
 */

/** ISO 8601 time of the last whole re-read that went well, or null: never read yet. */
export type AsOf = string | null;

export interface IndexStatus {
  workspace: string;
  asOf: AsOf;
  running: boolean;
  /** When the last re-read ended, well or not (null: none yet). */
  finishedAt: string | null;
  lastOutcome: 'ok' | 'failed' | null;
  accounts: number | null;
  applications: number | null;
}

export interface SearchHit {
  workspace: string;
  account: Account;
  /** `live`: Vonage answered just now; `index`: from the index, as of `asOf`. */
  source: 'live' | 'index';
  asOf: string;
}

export interface SearchAnswer {
  items: SearchHit[];
  /** The oldest "as of" of the workspaces searched (null: one of them was never read). */
  asOf: AsOf;
}

export type IndexedApplication = Application & { linkedAccounts: number };

export interface IndexedApplicationPage {
  items: IndexedApplication[];
  page: number;
  pageSize: number;
  totalItems: number;
  totalPages: number;
  asOf: AsOf;
}

export interface ApplicationAccounts {
  /** Null when the application is not in the workspace's list any more (gone) but accounts still name it. */
  application: Application | null;
  accounts: Account[];
  asOf: AsOf;
}

export type AttentionReason = 'unlinked' | 'application-gone' | 'no-messages';

export interface Overview {
  asOf: AsOf;
  totals: Record<Provider, { linked: number; unlinked: number }>;
  /** How many accounts need attention, for each reason. */
  attentionCounts: Record<AttentionReason, number>;
  /** The first of them (at most 100): the rest are in the inventory export. */
  attention: { account: Account; reason: AttentionReason }[];
}
