import 'server-only';
import { isIP } from 'node:net';
import { getConfig } from '@/lib/config/load';

type HeaderSource = { get(name: string): string | null };

/**
 * The client's address: the socket's (set by scripts/front-door.mjs, which a
 * client cannot override), unless `trustProxy` says how many proxies in front
 * append to X-Forwarded-For. Then the entry that many places from the right is
 * the client as the farthest trusted proxy saw it; anything left of it was
 * written by the client and is ignored.
 */
export function clientAddress(headers: HeaderSource, hops = getConfig().trustProxy): string {
  const socket = headers.get('x-console-client-ip') ?? '';
  if (hops === 0) return socket;
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const candidate = chain[chain.length - hops];
  return candidate && isIP(candidate) ? candidate : socket;
}

/** Where a request came from, as the activity log keeps it (capped). */
export function requestOrigin(headers: HeaderSource): { ip: string | null; userAgent: string | null } {
  return { ip: clientAddress(headers).slice(0, 100) || null, userAgent: headers.get('user-agent')?.slice(0, 300) ?? null };
}
