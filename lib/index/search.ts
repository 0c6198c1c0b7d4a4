import 'server-only';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Workspace } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { indexAccounts } from '@/lib/db/schema';
import type { Account } from '@/lib/schemas/account';
import { externalIdSchemas } from '@/lib/schemas/ids';
import type { SearchAnswer, SearchHit } from '@/lib/schemas/index-views';
import type { Provider } from '@/lib/schemas/providers';
import { getAccount } from '@/lib/vonage/accounts';
import { keepIndex } from './keep';
import { toIndexedAccount } from './rows';
import { readStates } from './store';

const MAX_HITS = 20;
/** Rows the index hands over before they are ranked: enough for 20 good ones, never the whole workspace. */
const MAX_ROWS = 60;
/** Shorter runs of digits are parts of ids, not ids: they are not asked of Vonage. */
const MIN_LIVE_DIGITS = 6;

type LiveProvider = Exclude<Provider, 'rcs'>;

/**
 * The whole ids a query may be, to ask Vonage for live: a number written with
 * `+` or `00` is a WhatsApp number; plain digits may be a WhatsApp number, a
 * Page id or a Viber id. Spaces, dashes, dots and brackets in it are ignored.
 */
export function wholeIds(q: string): { digits: string | null; candidates: { provider: LiveProvider; externalId: string }[] } {
  const compact = q.replace(/[\s\-.()]/g, '');
  const m = /^(\+|00)?([0-9]+)$/.exec(compact);
  if (!m) return { digits: null, candidates: [] };
  const digits = m[2]!;
  if (digits.length < MIN_LIVE_DIGITS) return { digits, candidates: [] };
  const providers: LiveProvider[] = m[1] ? ['whatsapp'] : ['whatsapp', 'messenger', 'viber_service_msg'];
  return {
    digits,
    candidates: providers.filter((p) => externalIdSchemas[p].safeParse(digits).success).map((p) => ({ provider: p, externalId: digits })),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

async function fromIndex(workspaces: string[], term: string, provider: Provider | undefined): Promise<SearchHit[]> {
  const { db } = await store();
  const scope: SQL[] = [inArray(indexAccounts.workspace, workspaces)];
  if (provider) scope.push(eq(indexAccounts.provider, provider));
  const [exact, prefix, partial] = await Promise.all([
    db
      .select()
      .from(indexAccounts)
      .where(and(...scope, eq(indexAccounts.externalId, term)))
      .limit(MAX_HITS),
    // Names that start with the query, whatever else contains it: the `partial` rows below are any 60 of those.
    db
      .select()
      .from(indexAccounts)
      .where(and(...scope, sql`${indexAccounts.search} LIKE ${`${escapeLike(term)}%`} ESCAPE '\\'`))
      .limit(MAX_HITS),
    db
      .select()
      .from(indexAccounts)
      .where(and(...scope, sql`${indexAccounts.search} LIKE ${`%${escapeLike(term)}%`} ESCAPE '\\'`))
      .limit(MAX_ROWS),
  ]);
  const rank = (r: (typeof partial)[number]) =>
    r.externalId === term ? 0 : r.externalId.toLowerCase().startsWith(term) ? 1 : (r.name ?? '').toLowerCase().startsWith(term) ? 2 : 3;
  const seen = new Set<string>();
  return [...exact, ...prefix, ...partial]
    .filter((r) => {
      const key = `${r.workspace}|${r.provider}|${r.externalId}`;
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? '') || a.externalId.localeCompare(b.externalId))
    .map((r) => ({ workspace: r.workspace, account: toIndexedAccount(r), source: 'index' as const, asOf: r.seenAt.toISOString() }));
}

/** Asks each workspace's Vonage for each whole id the query may be; what it finds joins the index too. */
async function live(workspaces: Workspace[], candidates: ReturnType<typeof wholeIds>['candidates'], provider?: Provider) {
  const asks = workspaces.flatMap((ws) => candidates.filter((c) => !provider || c.provider === provider).map((c) => ({ ws, ...c })));
  const answers = await Promise.allSettled(
    asks.map(async ({ ws, provider: p, externalId }): Promise<SearchHit> => {
      const account: Account = await getAccount(ws, p, externalId);
      await keepIndex.seen(ws, account);
      return { workspace: ws.id, account, source: 'live', asOf: new Date().toISOString() };
    }),
  );
  // Not found, or Vonage failing: the index's answer stands.
  return answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
}

/**
 * Accounts whose name or external id contains the query, in the given
 * workspaces only (the caller passes those the person may see: A39); live
 * answers first and in place of the index's for the same account.
 */
export async function search(workspaces: Workspace[], q: string, provider?: Provider): Promise<SearchAnswer> {
  const ids = workspaces.map((w) => w.id);
  const { digits, candidates } = wholeIds(q);
  const term = digits ?? q.toLowerCase();
  const [indexed, liveHits, states] = await Promise.all([
    fromIndex(ids, term, provider),
    live(workspaces, candidates, provider),
    store().then(({ db }) => readStates(db, ids)),
  ]);
  const key = (h: SearchHit) => `${h.workspace}|${h.account.provider}|${h.account.externalId}`;
  const liveKeys = new Set(liveHits.map(key));
  const items = [...liveHits, ...indexed.filter((h) => !liveKeys.has(key(h)))].slice(0, MAX_HITS);
  const asOfs = [...states.values()].map((s) => s.asOf);
  const asOf = asOfs.some((a) => a === null) ? null : (asOfs as Date[]).reduce<Date | null>((m, a) => (!m || a < m ? a : m), null);
  return { items, asOf: asOf?.toISOString() ?? null };
}
