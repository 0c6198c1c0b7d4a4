import 'server-only';
import { randomUUID } from 'node:crypto';
import { actorOf } from '@/lib/activity/event';
import { record } from '@/lib/activity/write';
import type { User } from '@/lib/config/load';
import { requestOrigin } from './client-address';

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined;

/** next-auth hands callbacks a plain object of headers; routes a Headers. */
function asHeaders(h: HeaderBag): Headers {
  if (h instanceof Headers) return h;
  const out = new Headers();
  for (const [k, v] of Object.entries(h ?? {})) {
    const one = Array.isArray(v) ? v[0] : v;
    if (one !== undefined) out.set(k, one);
  }
  return out;
}

/**
 * Sign-ins, refusals and sign-outs in the activity log. A person's own events
 * go to their workspace's chain (a customer sees their colleagues' sign-ins);
 * staff's and unknown emails' to the chain of no workspace, which staff see.
 * The same words for an email that does not exist as for a wrong password.
 * A single sign-on (`sso`) names its provider, and a refusal its reason.
 */
export function recordSessionEvent(
  action: 'session.sign-in' | 'session.sign-out',
  who: { user: Pick<User, 'email' | 'name' | 'role' | 'workspace' | 'source'> } | { email: string },
  outcome: 'ok' | 'denied',
  status: number,
  headers?: HeaderBag,
  after: Record<string, unknown> | null = null,
): Promise<void> {
  const h = asHeaders(headers);
  const actor =
    'user' in who
      ? actorOf(who.user)
      : {
          email: who.email.slice(0, 320),
          name: who.email.slice(0, 320) || 'Someone',
          role: 'unknown',
          // A single sign-on refused before any person was known names its provider.
          via: after && 'provider' in after ? ('sso' as const) : ('password' as const),
        };
  return record({
    actor,
    workspace: 'user' in who ? who.user.workspace : null,
    action,
    target: { kind: 'session', id: actor.email },
    before: null,
    after,
    outcome,
    status,
    upstreamStatus: null,
    requestId: randomUUID(),
    correlationId: null,
    ...requestOrigin(h),
  });
}
