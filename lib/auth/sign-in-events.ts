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
 * A single sign-on (`sso`) names its provider, and a refusal its reason.
 */
export function recordSessionEvent(
  action: 'session.sign-in' | 'session.sign-out',
  who: { user: Pick<User, 'email' | 'name' | 'role' | 'workspace'> } | { email: string },
  outcome: 'ok' | 'denied',
  status: number,
  headers?: Headers,
  sso?: { provider: string; reason?: string },
): Promise<void> {
  const via = sso ? ('sso' as const) : ('password' as const);
  const actor =
    'user' in who
      ? { email: who.user.email, name: who.user.name, role: who.user.role, via }
      : { email: who.email.slice(0, 320), name: who.email.slice(0, 320) || 'Someone', role: 'unknown', via };
  return record({
    actor,
    workspace: 'user' in who ? who.user.workspace : null,
    action,
    target: { kind: 'session', id: actor.email },
    before: null,
    after: sso ? { provider: sso.provider, ...(sso.reason ? { reason: sso.reason.slice(0, 200) } : {}) } : null,
    outcome,
    status,
    upstreamStatus: null,
    requestId: randomUUID(),
    correlationId: null,
    ip: one(headers, 'x-console-client-ip'),
    userAgent: one(headers, 'user-agent'),
  });
}
