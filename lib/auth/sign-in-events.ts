import 'server-only';
import { randomUUID } from 'node:crypto';
import { record } from '@/lib/activity/write';
import type { User } from '@/lib/config/load';

type Headers = Record<string, string | string[] | undefined> | undefined;
const one = (h: Headers, name: string) => {
  const v = h?.[name];
  return (Array.isArray(v) ? v[0] : v)?.slice(0, 300) ?? null;
};

/**
 * Sign-ins, refusals and sign-outs in the activity log. A person's own events
 * go to their workspace's chain (a customer sees their colleagues' sign-ins);
 * staff's and unknown emails' to the chain of no workspace, which staff see.
 * The same words for an email that does not exist as for a wrong password.
 */
export function recordSessionEvent(
  action: 'session.sign-in' | 'session.sign-out',
  who: { user: User } | { email: string },
  outcome: 'ok' | 'denied',
  status: number,
  headers?: Headers,
): Promise<void> {
  const actor =
    'user' in who
      ? { email: who.user.email, name: who.user.name, role: who.user.role, via: 'password' as const }
      : { email: who.email.slice(0, 320), name: who.email.slice(0, 320) || 'Someone', role: 'unknown', via: 'password' as const };
  return record({
    actor,
    workspace: 'user' in who ? who.user.workspace : null,
    action,
    target: { kind: 'session', id: actor.email },
    before: null,
    after: null,
    outcome,
    status,
    upstreamStatus: null,
    requestId: randomUUID(),
    correlationId: null,
    ip: one(headers, 'x-console-client-ip'),
    userAgent: one(headers, 'user-agent'),
  });
}
