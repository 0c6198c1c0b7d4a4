import { createHash } from 'node:crypto';
import type { User } from '@/lib/config/load';

/** product.md's ActivityEvent. `before`/`after` hold what changed: never a token, a secret or a password. */
export interface ActivityEvent {
  id: string;
  at: Date;
  actor: { email: string; name: string; role: string; via: 'password' | 'sso' | 'invitation' };
  workspace: string | null;
  action: string;
  target: { kind: 'account' | 'application' | 'person' | 'session' | 'export' | 'index'; id: string; provider?: string };
  before: unknown;
  after: unknown;
  outcome: 'ok' | 'denied' | 'failed' | 'unconfirmed';
  status: number;
  upstreamStatus: number | null;
  requestId: string;
  correlationId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** JSON with keys in a fixed order, as PostgreSQL's jsonb gives them back in any order. */
function canonical(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The first link of every chain. */
export const GENESIS = '0'.repeat(64);

/** An event's hash: everything it says, and the hash of the one before it in its chain. */
export function eventHash(prevHash: string, e: ActivityEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(e)).digest('hex');
}

/** How a signed-in person appears in an event: never more than who they are and how they signed in. */
export function actorOf(user: Pick<User, 'email' | 'name' | 'role' | 'source'>): ActivityEvent['actor'] {
  return { email: user.email, name: user.name, role: user.role, via: user.source.startsWith('sso:') ? 'sso' : 'password' };
}
