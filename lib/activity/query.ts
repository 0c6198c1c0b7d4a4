import 'server-only';
import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents, indexApplications } from '@/lib/db/schema';
import type { ActivityEventView, ActivityPage, ActivityQuery } from '@/lib/schemas/activity';
import { isStaffRole } from '@/lib/schemas/roles';
import { toEvent } from './verify';

export const PAGE_SIZE = 50;

/**
 * Events newest first, a page at a time (the cursor is the last event's
 * sequence number). `workspaces`: the ones the caller may see; `withUnscoped`
 * adds events of no workspace (sign-ins, refused reads), for staff.
 */
export async function listEvents(
  db: Db,
  scope: { workspaces: string[]; withUnscoped: boolean; asCustomer: boolean },
  q: ActivityQuery,
): Promise<ActivityPage> {
  const where: (SQL | undefined)[] = [
    or(
      scope.workspaces.length ? inArray(activityEvents.workspace, scope.workspaces) : sql`false`,
      scope.withUnscoped ? isNull(activityEvents.workspace) : undefined,
    ),
    q.cursor ? lt(activityEvents.seq, Number(q.cursor)) : undefined,
    q.actor ? sql`${activityEvents.actor}->>'email' = ${q.actor.toLowerCase()}` : undefined,
    q.action ? eq(activityEvents.action, q.action) : undefined,
    q.target ? sql`${activityEvents.target}->>'id' = ${q.target}` : undefined,
    q.outcome ? eq(activityEvents.outcome, q.outcome) : undefined,
    q.from ? gte(activityEvents.at, new Date(`${q.from}T00:00:00Z`)) : undefined,
    q.to ? lt(activityEvents.at, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000)) : undefined,
  ];
  const rows = await db
    .select()
    .from(activityEvents)
    .where(and(...where))
    .orderBy(desc(activityEvents.seq))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  return {
    items: page.map((r) => view(toEvent(r), scope.asCustomer)),
    nextCursor: rows.length > PAGE_SIZE && page.length ? String(page[page.length - 1]!.seq) : null,
  };
}

/** The application ids an event's change names: `applicationId`, and each of `applications`, before and after. */
export function applicationIdsOf(e: Pick<ActivityEventView, 'before' | 'after'>): string[] {
  const ids: string[] = [];
  for (const side of [e.before, e.after]) {
    if (!side || typeof side !== 'object') continue;
    const { applicationId, applications } = side as Record<string, unknown>;
    if (typeof applicationId === 'string') ids.push(applicationId);
    if (Array.isArray(applications)) for (const id of applications) if (typeof id === 'string') ids.push(id);
  }
  return ids;
}

/**
 * Adds the names of the applications a page of events names by id, as the account index knows them, each looked up
 * in its own event's workspace only (one statement): the page then says "Acme Support Bot", not a UUID. An
 * application the index does not know keeps its id.
 */
export async function withApplicationNames(db: Db, page: ActivityPage): Promise<ActivityPage> {
  const wanted = new Map<string, Set<string>>();
  for (const e of page.items) {
    if (!e.workspace) continue;
    for (const id of applicationIdsOf(e)) {
      const ids = wanted.get(e.workspace) ?? new Set<string>();
      wanted.set(e.workspace, ids.add(id));
    }
  }
  if (wanted.size === 0) return page;
  const rows = await db
    .select({ id: indexApplications.id, name: indexApplications.name })
    .from(indexApplications)
    .where(or(...[...wanted].map(([ws, ids]) => and(eq(indexApplications.workspace, ws), inArray(indexApplications.id, [...ids])))));
  return { ...page, applicationNames: Object.fromEntries(rows.map((r) => [r.id, r.name])) };
}

function view(e: ReturnType<typeof toEvent>, asCustomer: boolean): ActivityEventView {
  // A customer sees who of their own colleagues did what; staff appear as "Support — <name>", without an email.
  const actor =
    asCustomer && isStaffRole(e.actor.role)
      ? { email: null, name: `Support — ${e.actor.name}`, role: 'support', via: e.actor.via }
      : { ...e.actor };
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor,
    workspace: e.workspace,
    action: e.action,
    target: e.target,
    before: e.before,
    after: e.after,
    outcome: e.outcome,
    status: e.status,
    upstreamStatus: e.upstreamStatus,
    requestId: e.requestId,
  };
}
