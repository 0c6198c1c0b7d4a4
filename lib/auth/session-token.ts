import 'server-only';
import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import type { JWT } from 'next-auth/jwt';

/*
 * next-auth v4's session cookie is a compact JWE (`alg: dir`, `enc: A256GCM`) whose key is HKDF-SHA256 of
 * NEXTAUTH_SECRET. Its own `decode` derives that key again on every request (a job on libuv's threadpool, the
 * first thing of ours in the production profile under load: docs/performance.md). This decodes the same cookie
 * the same way (jose's jwtDecrypt, a 15 s clock tolerance) with the key derived once per secret: the cryptography
 * stays jose's. Anything it refuses throws, and getToken answers null (no session). Tests hold it to next-auth's
 * own encode/decode.
 *
 * A cookie opened once is remembered (per secret, the last OPENED_LIMIT of them): the same bytes under the same key
 * always open to the same claims, so a browser's next request costs a map lookup instead of an AES-GCM job on the
 * threadpool (the largest cost of ours left in the profile, docs/performance.md). Its expiry is checked again on
 * every use; whether the session it names is still alive is the store's question (sessions.ts), asked every time.
 */

const INFO = 'NextAuth.js Generated Encryption Key';
const CLOCK_TOLERANCE_S = 15;
export const OPENED_LIMIT = 2_000;

let derived: { secret: string; key: Uint8Array; opened: Map<string, JWT> } | null = null;

function forSecret(secret: string) {
  if (derived?.secret !== secret) derived = { secret, key: new Uint8Array(hkdfSync('sha256', secret, '', INFO, 32)), opened: new Map() };
  return derived;
}

/** Still within its `exp` (with the tolerance jose applies) and carrying no claim jose would check that we do not. */
function current(payload: JWT, now: number): boolean {
  return typeof payload.exp === 'number' && payload.nbf === undefined && payload.exp > Math.floor(now / 1000) - CLOCK_TOLERANCE_S;
}

export async function decodeSessionToken(
  { token, secret }: { token?: string; secret: string | Buffer },
  now = Date.now(),
): Promise<JWT | null> {
  if (!token) return null;
  if (typeof secret !== 'string' || !secret) throw new Error('session token refused: no secret');
  const keyed = forSecret(secret);
  const seen = keyed.opened.get(token);
  if (seen) {
    if (current(seen, now)) return { ...seen };
    keyed.opened.delete(token);
  }
  const { payload } = await jwtDecrypt(token, keyed.key, {
    clockTolerance: CLOCK_TOLERANCE_S,
    currentDate: new Date(now),
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  const claims = payload as JWT;
  if (current(claims, now)) {
    if (keyed.opened.size >= OPENED_LIMIT) keyed.opened.delete(keyed.opened.keys().next().value as string);
    keyed.opened.set(token, { ...claims });
  }
  return claims;
}
