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
 */

const INFO = 'NextAuth.js Generated Encryption Key';
const CLOCK_TOLERANCE_S = 15;

let derived: { secret: string; key: Uint8Array } | null = null;

function keyFor(secret: string): Uint8Array {
  if (derived?.secret !== secret) derived = { secret, key: new Uint8Array(hkdfSync('sha256', secret, '', INFO, 32)) };
  return derived.key;
}

export async function decodeSessionToken(
  { token, secret }: { token?: string; secret: string | Buffer },
  now = Date.now(),
): Promise<JWT | null> {
  if (!token) return null;
  if (typeof secret !== 'string' || !secret) throw new Error('session token refused: no secret');
  const { payload } = await jwtDecrypt(token, keyFor(secret), {
    clockTolerance: CLOCK_TOLERANCE_S,
    currentDate: new Date(now),
    keyManagementAlgorithms: ['dir'],
    contentEncryptionAlgorithms: ['A256GCM'],
  });
  return payload as JWT;
}
