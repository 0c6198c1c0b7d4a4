/** Authorization header handling: exactly one of Basic or Bearer; anything else is 401. */
import type { IncomingMessage } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { JWTPayload } from 'jose';
import type { TenantConfig, TenantsFile } from './types';
import { verifyJwt } from './jwt';

export type AuthResult =
  | { kind: 'basic'; tenant: TenantConfig }
  | { kind: 'bearer'; tenant: TenantConfig; payload: JWTPayload }
  | { kind: 'none' | 'invalid'; tenant: null };

/** Compares hashes so that neither content nor length of the secret leaks through timing. */
function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

function checkBasic(credentials: string, tenants: TenantsFile): TenantConfig | null {
  if (!/^[A-Za-z0-9+/]+=*$/.test(credentials)) return null;
  const decoded = Buffer.from(credentials, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const key = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  const tenant = tenants.tenants.find((t) => t.apiKey === key);
  // Compare even for an unknown key so the answer time does not reveal which keys exist.
  const ok = safeEqual(secret, tenant?.apiSecret ?? '\u0000no-such-tenant');
  return ok && tenant ? tenant : null;
}

export async function authenticate(req: IncomingMessage, tenants: TenantsFile): Promise<AuthResult> {
  // headersDistinct keeps every Authorization header; req.headers would silently drop duplicates.
  const values = req.headersDistinct.authorization ?? [];
  if (values.length === 0) return { kind: 'none', tenant: null };
  if (values.length > 1) return { kind: 'invalid', tenant: null };
  const m = /^(\S+) +(\S+)$/.exec(values[0]!.trim());
  if (!m) return { kind: 'invalid', tenant: null };
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'basic') {
    const tenant = checkBasic(m[2]!, tenants);
    return tenant ? { kind: 'basic', tenant } : { kind: 'invalid', tenant: null };
  }
  if (scheme === 'bearer') {
    const v = await verifyJwt(m[2]!, tenants);
    return v ? { kind: 'bearer', tenant: v.tenant, payload: v.payload } : { kind: 'invalid', tenant: null };
  }
  return { kind: 'invalid', tenant: null };
}
