import 'server-only';
import { and, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { activityEvents } from '@/lib/db/schema';
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
