import 'server-only';
import type { NextRequest } from 'next/server';
import type { ActivityEvent } from '@/lib/activity/event';
import { actorOf } from '@/lib/activity/event';
import { record } from '@/lib/activity/write';
import { requestOrigin } from '@/lib/auth/client-address';
import type { User } from '@/lib/config/load';

/** What a route knows of the change it was asked for; the pipeline adds who, when, the outcome and the status. */
export interface ActivityDraft {
  action: string;
  target: ActivityEvent['target'];
  before: unknown;
  after: unknown;
  upstreamStatus: number | null;
  /** Set when the route knows better than the status (a change Vonage may have made after a timeout). */
  outcome?: ActivityEvent['outcome'];
}

/** The target named by a route's path, before anything is parsed: capped, stored as JSON text, never trusted. */
export function targetFromPath(raw: Record<string, string | string[]>): ActivityEvent['target'] {
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v.slice(0, 200) : undefined);
  const provider = one(raw.provider);
  if (raw.applicationId && !raw.externalId) return { kind: 'application', id: one(raw.applicationId) ?? '' };
  return { kind: 'account', id: one(raw.externalId) ?? '', ...(provider ? { provider } : {}) };
}

function outcomeOf(status: number, draft: ActivityDraft): ActivityEvent['outcome'] {
  if (draft.outcome) return draft.outcome;
  if (status < 400) return 'ok';
  if (status === 403 || status === 404) return 'denied';
  if (status === 504) return 'unconfirmed';
  return 'failed';
}

/** Appends the attempt to the activity log, whatever its outcome (lib/activity/write.ts). */
export async function recordAttempt(
  req: Pick<NextRequest, 'headers'>,
  user: User,
  workspace: string | null,
  draft: ActivityDraft,
  status: number,
  requestId: string,
) {
  await record({
    actor: actorOf(user),
    workspace,
    action: draft.action,
    target: draft.target,
    before: draft.before ?? null,
    after: draft.after ?? null,
    outcome: outcomeOf(status, draft),
    status,
    upstreamStatus: draft.upstreamStatus,
    requestId,
    correlationId: null,
    ...requestOrigin(req.headers),
  });
}
