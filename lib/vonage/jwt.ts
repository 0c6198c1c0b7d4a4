import 'server-only';
import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

const LIFETIME_S = 5 * 60;
const RENEW_BEFORE_S = 60;

interface Cached {
  token: string;
  exp: number;
}
const keys = new Map<string, Promise<CryptoKey>>();
const tokens = new Map<string, Cached>();

/**
 * An RS256 JWT for a workspace's application: fresh `jti`, 5-minute `exp`,
 * reused until a minute before it expires so that not every call pays for an RSA signature.
 * `now` (seconds) is the clock; tests give their own.
 */
export async function applicationJwt(
  cacheKey: string,
  applicationId: string,
  privateKeyPem: string,
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  const hit = tokens.get(cacheKey);
  if (hit && hit.exp - RENEW_BEFORE_S > now) return hit.token;
  let key = keys.get(cacheKey);
  if (!key) {
    key = importPKCS8(privateKeyPem, 'RS256');
    keys.set(cacheKey, key);
    key.catch(() => keys.delete(cacheKey));
  }
  const exp = now + LIFETIME_S;
  const token = await new SignJWT({ application_id: applicationId })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(await key);
  tokens.set(cacheKey, { token, exp });
  return token;
}
