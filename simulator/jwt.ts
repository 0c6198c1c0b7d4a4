/** Real verification of Vonage application JWTs (RS256) against public keys from the tenants file. */
import { decodeJwt, decodeProtectedHeader, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import type { TenantConfig, TenantsFile } from './types';

const SKEW_S = 30;
const MAX_LIFETIME_S = 24 * 60 * 60;

type Key = Awaited<ReturnType<typeof importSPKI>>;
const keyCache = new Map<string, Promise<Key>>();

function keyFor(pem: string): Promise<Key> {
  let k = keyCache.get(pem);
  if (!k) {
    k = importSPKI(pem, 'RS256');
    // A bad PEM must not poison the cache forever (the file may be fixed and reloaded).
    k.catch(() => keyCache.delete(pem));
    keyCache.set(pem, k);
  }
  return k;
}

export interface VerifiedJwt {
  tenant: TenantConfig;
  payload: JWTPayload;
}

/** Returns the owning tenant, or null for any invalid token. Never throws, never logs the token. */
export async function verifyJwt(token: string, tenants: TenantsFile): Promise<VerifiedJwt | null> {
  try {
    if (decodeProtectedHeader(token).alg !== 'RS256') return null;
    const appId = decodeJwt(token).application_id;
    if (typeof appId !== 'string') return null;
    let tenant: TenantConfig | undefined;
    let pem: string | undefined;
    for (const t of tenants.tenants) {
      const app = t.jwtApplications?.find((a) => a.id === appId);
      if (app) {
        tenant = t;
        pem = app.publicKey;
        break;
      }
    }
    if (!tenant || !pem) return null;
    const { payload } = await jwtVerify(token, await keyFor(pem), {
      algorithms: ['RS256'],
      clockTolerance: SKEW_S,
      requiredClaims: ['iat', 'exp', 'jti'],
    });
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp, jti } = payload;
    if (typeof iat !== 'number' || typeof exp !== 'number') return null;
    if (iat > now + SKEW_S) return null;
    if (exp - iat > MAX_LIFETIME_S || exp <= iat) return null;
    if (typeof jti !== 'string' || jti === '') return null;
    return { tenant, payload };
  } catch {
    return null;
  }
}

/** Matches a Vonage `acl.paths` pattern: `*` is one path segment, `**` any number of segments. */
function aclMatch(pattern: string, path: string): boolean {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  const go = (i: number, j: number): boolean => {
    if (i === p.length) return j === s.length;
    if (p[i] === '**') return go(i + 1, j) || (j < s.length && go(i, j + 1));
    return j < s.length && (p[i] === '*' || p[i] === s[j]) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** A JWT without `acl` may call everything; with `acl.paths`, only the paths listed. */
export function aclAllows(payload: JWTPayload, path: string): boolean {
  const acl = payload.acl;
  if (acl === undefined) return true;
  if (typeof acl !== 'object' || acl === null) return false;
  const paths = (acl as { paths?: unknown }).paths;
  if (typeof paths !== 'object' || paths === null) return false;
  return Object.keys(paths).some((pattern) => aclMatch(pattern, path));
}
