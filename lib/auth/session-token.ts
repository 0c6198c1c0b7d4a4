import 'server-only';
import { createDecipheriv, hkdfSync } from 'node:crypto';
import type { JWT } from 'next-auth/jwt';

/*
 * next-auth v4's session cookie is a compact JWE (`alg: dir`, `enc: A256GCM`) whose key is HKDF-SHA256 of
 * NEXTAUTH_SECRET. Its own `decode` derives that key again on every request (a job on libuv's threadpool, the
 * first thing of ours in the production profile under load: docs/performance.md). This decodes the same cookie
 * with the key derived once per secret, and checks what next-auth's decode checks (jose's jwtDecrypt with a
 * 15 s clock tolerance): the header, the GCM tag over the protected header and the ciphertext, `exp` and `nbf`.
 * Anything else throws, and getToken answers null (no session). Tests hold it to next-auth's own encode/decode.
 */

const INFO = 'NextAuth.js Generated Encryption Key';
const CLOCK_TOLERANCE_S = 15;
const B64URL = /^[A-Za-z0-9_-]+$/;

let derived: { secret: string; key: Buffer } | null = null;

function keyFor(secret: string): Buffer {
  if (derived?.secret !== secret) derived = { secret, key: Buffer.from(hkdfSync('sha256', secret, '', INFO, 32)) };
  return derived.key;
}

const fail = (why: string): never => {
  throw new Error(`session token refused: ${why}`);
};

function segment(s: string | undefined, what: string, bytes?: number): Buffer {
  if (!s || !B64URL.test(s)) return fail(what);
  const buf = Buffer.from(s, 'base64url');
  if (bytes !== undefined && buf.length !== bytes) fail(what);
  return buf;
}

export async function decodeSessionToken(
  { token, secret }: { token?: string; secret: string | Buffer },
  now = Date.now(),
): Promise<JWT | null> {
  if (!token) return null;
  if (typeof secret !== 'string' || !secret) return fail('no secret');
  const parts = token.split('.');
  if (parts.length !== 5 || parts[1] !== '') fail('not a compact JWE with a direct key');
  const [protectedHeader, , ivPart, ciphertextPart, tagPart] = parts;
  const header = JSON.parse(segment(protectedHeader, 'header').toString('utf8')) as Record<string, unknown>;
  if (header.alg !== 'dir' || header.enc !== 'A256GCM' || 'zip' in header || 'crit' in header) fail('header');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret), segment(ivPart, 'iv', 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(protectedHeader!, 'ascii'));
  decipher.setAuthTag(segment(tagPart, 'tag', 16));
  const plain = Buffer.concat([decipher.update(segment(ciphertextPart, 'ciphertext')), decipher.final()]);
  const payload = JSON.parse(plain.toString('utf8')) as unknown;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return fail('payload');
  const { exp, nbf, iat } = payload as Record<string, unknown>;
  const nowS = Math.floor(now / 1000);
  if (exp !== undefined && (typeof exp !== 'number' || exp <= nowS - CLOCK_TOLERANCE_S)) fail('expired');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowS + CLOCK_TOLERANCE_S)) fail('not yet valid');
  if (iat !== undefined && typeof iat !== 'number') fail('iat');
  return payload as JWT;
}
