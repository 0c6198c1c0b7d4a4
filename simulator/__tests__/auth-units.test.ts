import { mkdtempSync, writeFileSync, utimesSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate } from '../auth';
import { aclAllows, verifyJwt } from '../jwt';
import { TenantRegistry, validateTenantsFile } from '../tenants';
import type { TenantsFile } from '../types';
import { ACME, ACME_APP_ID, basic, GLOBEX, GLOBEX_APP_ID, jwt, makeTenants, type Keys } from './helpers';

/*
 * The simulator's credential checks where they are decided, without a server: the console's auth tests (and every
 * "401 before anything else" it trusts) rest on them. The HTTP-level cases are in behaviour.test.ts.
 */
let tenants: TenantsFile;
let keys: Keys;
beforeAll(async () => {
  ({ tenants, keys } = await makeTenants());
});
afterEach(() => vi.useRealTimers());

/** A request with these Authorization headers, as node:http hands them over. */
const req = (...authorization: string[]) =>
  ({ headersDistinct: authorization.length ? { authorization } : {} }) as unknown as IncomingMessage;
const now = () => Math.floor(Date.now() / 1000);

describe('authenticate', () => {
  it('no header is "none"; two headers, or a value that is not "scheme credentials", is "invalid"', async () => {
    expect(await authenticate(req(), tenants)).toEqual({ kind: 'none', tenant: null });
    expect(await authenticate(req(basic(ACME), basic(ACME)), tenants)).toEqual({ kind: 'invalid', tenant: null });
    for (const value of ['Basic', 'Basic a b', basic(ACME).replace(' ', ''), 'Digest abc'])
      expect(await authenticate(req(value), tenants), value).toEqual({ kind: 'invalid', tenant: null });
  });

  it('Basic: the right key and secret name the tenant, in any case of the scheme and around spaces', async () => {
    expect(await authenticate(req(basic(ACME)), tenants)).toMatchObject({ kind: 'basic', tenant: { apiKey: ACME.apiKey } });
    expect(await authenticate(req(basic(GLOBEX)), tenants)).toMatchObject({ kind: 'basic', tenant: { apiKey: GLOBEX.apiKey } });
    const credentials = basic(ACME).split(' ')[1]!;
    expect(await authenticate(req(`  bAsIc   ${credentials} `), tenants)).toMatchObject({ kind: 'basic' });
  });

  it('Basic: a wrong secret, an unknown key, a secret of another tenant, no colon, an empty key or not base64 is invalid', async () => {
    const b64 = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    for (const value of [
      b64(`${ACME.apiKey}:wrong`),
      b64(`${ACME.apiKey}:${ACME.apiSecret}x`),
      b64(`nobody:${ACME.apiSecret}`),
      b64(`${ACME.apiKey}:${GLOBEX.apiSecret}`),
      b64(`${ACME.apiKey}${ACME.apiSecret}`),
      b64(`:${ACME.apiSecret}`),
      `Basic ${Buffer.from(`${ACME.apiKey}:${ACME.apiSecret}`).toString('base64url')}-`,
      `Basic =${Buffer.from(`${ACME.apiKey}:${ACME.apiSecret}`).toString('base64')}`,
    ])
      expect(await authenticate(req(value), tenants), value).toEqual({ kind: 'invalid', tenant: null });
    // A secret with a colon in it is all after the first colon.
    const withColon: TenantsFile = { tenants: [{ ...tenants.tenants[0]!, apiSecret: 'a:b' }] };
    expect(await authenticate(req(b64(`${ACME.apiKey}:a:b`)), withColon)).toMatchObject({ kind: 'basic' });
  });

  it('Bearer: a good application JWT names its tenant and carries its claims; a bad one is invalid', async () => {
    const token = await jwt(keys.globex, { appId: GLOBEX_APP_ID });
    const ok = await authenticate(req(`Bearer ${token}`), tenants);
    expect(ok).toMatchObject({ kind: 'bearer', tenant: { apiKey: GLOBEX.apiKey }, payload: { application_id: GLOBEX_APP_ID } });
    expect(await authenticate(req(`bearer ${token}`), tenants)).toMatchObject({ kind: 'bearer' });
    expect(await authenticate(req(`Bearer ${await jwt(keys.stranger)}`), tenants)).toEqual({ kind: 'invalid', tenant: null });
  });
});

describe('verifyJwt', () => {
  it('accepts a token signed with its application’s key, within its lifetime', async () => {
    expect(await verifyJwt(await jwt(keys.acme), tenants)).toMatchObject({ tenant: { apiKey: ACME.apiKey } });
    // 30 s of clock skew either way is allowed.
    expect(await verifyJwt(await jwt(keys.acme, { iat: now() + 29 }), tenants)).not.toBeNull();
    expect(await verifyJwt(await jwt(keys.acme, { iat: now() - 3600, exp: now() - 29 }), tenants)).not.toBeNull();
  });

  it('refuses another application’s key, an unknown application, a missing application_id, and not RS256', async () => {
    expect(await verifyJwt(await jwt(keys.globex), tenants)).toBeNull();
    expect(await verifyJwt(await jwt(keys.acme, { appId: 'no-such-app' }), tenants)).toBeNull();
    const noApp = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('j')
      .sign(keys.acme);
    expect(await verifyJwt(noApp, tenants)).toBeNull();
    const numericApp = await new SignJWT({ application_id: 7 })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('j')
      .sign(keys.acme);
    expect(await verifyJwt(numericApp, tenants)).toBeNull();
    const hs = await new SignJWT({ application_id: ACME_APP_ID })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti('j')
      .sign(new TextEncoder().encode('a shared secret of enough length, 32+ bytes'));
    expect(await verifyJwt(hs, tenants)).toBeNull();
    expect(await verifyJwt('not a token', tenants)).toBeNull();
  });

  it('refuses a token from the future, an expired one, one living over 24 hours or ending before it starts, and one without jti', async () => {
    const t = now();
    for (const [what, options] of [
      ['issued 31 s ahead', { iat: t + 31, exp: t + 900 }],
      ['expired 31 s ago', { iat: t - 900, exp: t - 31 }],
      ['a lifetime of 24 h + 1 s', { iat: t - 10, exp: t - 10 + 86_401 }],
      ['ends when it starts', { iat: t, exp: t }],
      ['no jti', { jti: null }],
      ['an empty jti', { jti: '' }],
    ] as const)
      expect(await verifyJwt(await jwt(keys.acme, options), tenants), what).toBeNull();
    // Exactly 24 hours is allowed.
    expect(await verifyJwt(await jwt(keys.acme, { iat: t - 10, exp: t - 10 + 86_400 }), tenants)).not.toBeNull();
  });

  it('a public key that cannot be read refuses its tokens, and the fixed key is read afresh', async () => {
    const broken: TenantsFile = {
      tenants: [{ ...tenants.tenants[0]!, jwtApplications: [{ id: ACME_APP_ID, name: 'A', publicKey: 'not a pem' }] }],
    };
    const token = await jwt(keys.acme);
    expect(await verifyJwt(token, broken)).toBeNull();
    await new Promise((r) => setImmediate(r));
    expect(await verifyJwt(token, broken)).toBeNull();
    expect(await verifyJwt(token, tenants)).not.toBeNull();
  });
});

describe('aclAllows', () => {
  const allows = (acl: unknown, path: string) => aclAllows(acl === undefined ? {} : { acl }, path);
  it('no acl allows every path; an acl that is not an object, or has no paths object, allows none', () => {
    expect(allows(undefined, '/beta/chatapp-accounts')).toBe(true);
    for (const acl of [null, 'all', 1, { paths: null }, { paths: 'x' }, {}])
      expect(allows(acl, '/beta/chatapp-accounts'), JSON.stringify(acl)).toBe(false);
  });

  it('`*` is one segment, `**` any number of them (none too); anything else is matched as it is', () => {
    const acl = (...patterns: string[]) => ({ paths: Object.fromEntries(patterns.map((p) => [p, {}])) });
    expect(allows(acl('/*/chatapp-accounts/**'), '/beta/chatapp-accounts')).toBe(true);
    expect(allows(acl('/*/chatapp-accounts/**'), '/beta/chatapp-accounts/whatsapp/1/applications')).toBe(true);
    expect(allows(acl('/*/chatapp-accounts'), '/beta/chatapp-accounts')).toBe(true);
    expect(allows(acl('/*/chatapp-accounts'), '/beta/chatapp-accounts/whatsapp')).toBe(false);
    expect(allows(acl('/*/chatapp-accounts'), '/a/b/chatapp-accounts')).toBe(false);
    expect(allows(acl('/**/applications'), '/v2/x/applications')).toBe(true);
    expect(allows(acl('/**/applications'), '/v2/applications/1')).toBe(false);
    expect(allows(acl('/v2/applications'), '/v3/applications')).toBe(false);
    expect(allows(acl('/v2/applications/*'), '/v2/applications')).toBe(false);
    expect(allows(acl('/v2/applications', '/*/chatapp-accounts/**'), '/beta/chatapp-accounts/x')).toBe(true);
    expect(allows(acl(), '/v2/applications')).toBe(false);
  });
});

describe('the tenants file', () => {
  const tenant = { apiKey: 'k1', apiSecret: 's1', name: 'One', seed: 'acme' };
  it('is normalised: jwtApplications becomes an array, extraAccounts kept only when given', () => {
    expect(validateTenantsFile({ tenants: [tenant] })).toEqual({ tenants: [{ ...tenant, jwtApplications: [] }] });
    expect(validateTenantsFile({ tenants: [{ ...tenant, extraAccounts: 0 }] }).tenants[0]).toHaveProperty('extraAccounts', 0);
  });

  it.each([
    [null, 'tenants file: expected {"tenants": [...]}'],
    [[], 'tenants file: expected {"tenants": [...]}'],
    [{ tenants: {} }, 'tenants file: expected {"tenants": [...]}'],
    [{ tenants: [1] }, 'tenants file: tenants[0] must be an object'],
    [{ tenants: [{ ...tenant, seed: 'other' }] }, 'tenants file: tenants[0].seed must be one of acme, globex, empty'],
    [{ tenants: [{ ...tenant, seed: 3 }] }, 'tenants file: tenants[0].seed must be one of acme, globex, empty'],
    [{ tenants: [{ ...tenant, extraAccounts: -1 }] }, 'tenants file: tenants[0].extraAccounts must be a non-negative integer'],
    [{ tenants: [{ ...tenant, extraAccounts: 1.5 }] }, 'tenants file: tenants[0].extraAccounts must be a non-negative integer'],
    [{ tenants: [{ ...tenant, extraAccounts: '2' }] }, 'tenants file: tenants[0].extraAccounts must be a non-negative integer'],
    [{ tenants: [{ ...tenant, jwtApplications: {} }] }, 'tenants file: tenants[0].jwtApplications must be an array'],
    [{ tenants: [{ ...tenant, jwtApplications: [1] }] }, 'tenants file: tenants[0].jwtApplications[0] must be an object'],
    [
      { tenants: [{ ...tenant, jwtApplications: [{ id: 'a', name: 'A', publicKey: '' }] }] },
      'tenants file: tenants[0].jwtApplications[0].publicKey must be a non-empty string',
    ],
    [{ tenants: [{ ...tenant, apiKey: '' }] }, 'tenants file: tenants[0].apiKey must be a non-empty string'],
    [{ tenants: [{ ...tenant, apiSecret: 1 }] }, 'tenants file: tenants[0].apiSecret must be a non-empty string'],
    [{ tenants: [{ ...tenant, name: undefined }] }, 'tenants file: tenants[0].name must be a non-empty string'],
    [{ tenants: [tenant, { ...tenant, name: 'Two' }] }, 'tenants file: duplicate apiKey k1'],
    [
      {
        tenants: [
          { ...tenant, jwtApplications: [{ id: 'a', name: 'A', publicKey: 'p' }] },
          { ...tenant, apiKey: 'k2', jwtApplications: [{ id: 'a', name: 'B', publicKey: 'q' }] },
        ],
      },
      'tenants file: duplicate application id a',
    ],
  ])('%j is refused: %s', (file, message) => {
    expect(() => validateTenantsFile(file)).toThrow(new Error(message));
  });

  it('a registry reads its file again when it changes, at most once a second, and keeps the old tenants over a bad file', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tenants-')), 'tenants.json');
    const write = (name: string, mtime: number) => {
      writeFileSync(file, JSON.stringify({ tenants: [{ ...tenant, name }] }));
      utimesSync(file, mtime, mtime);
    };
    write('One', 1000);
    const changes: string[] = [];
    const registry = new TenantRegistry(file, undefined, (t) => changes.push(t.tenants[0]!.name));
    expect(registry.tenants.tenants[0]!.name).toBe('One');
    write('Two', 2000);
    // Within the second of the last look: not read again.
    vi.setSystemTime(Date.now() + 500);
    expect(registry.tenants.tenants[0]!.name).toBe('One');
    vi.setSystemTime(Date.now() + 600);
    expect(registry.tenants.tenants[0]!.name).toBe('Two');
    expect(changes).toEqual(['Two']);
    // A half-written file: the tenants stay, and it is read once it is whole.
    writeFileSync(file, '{"tenants": [');
    utimesSync(file, 3000, 3000);
    vi.setSystemTime(Date.now() + 1100);
    expect(registry.tenants.tenants[0]!.name).toBe('Two');
    write('Three', 4000);
    vi.setSystemTime(Date.now() + 1100);
    expect(registry.tenants.tenants[0]!.name).toBe('Three');
    // The same mtime: not read, nobody told.
    vi.setSystemTime(Date.now() + 1100);
    expect(registry.tenants.tenants[0]!.name).toBe('Three');
    expect(changes).toEqual(['Two', 'Three']);
    write('Four', 5000);
    expect(registry.reload().tenants[0]!.name).toBe('Four');
  });

  it('given tenants are checked and kept; with neither tenants nor a file it refuses to start', () => {
    const registry = new TenantRegistry(undefined, { tenants: [tenant] } as TenantsFile, () => {});
    expect(registry.reload().tenants[0]!.name).toBe('One');
    expect(registry.tenants.tenants).toHaveLength(1);
    expect(() => new TenantRegistry(undefined, undefined, () => {})).toThrow('startSimulator: give tenants or tenantsFile');
    expect(() => new TenantRegistry(undefined, { tenants: [{ ...tenant, seed: 'x' }] } as unknown as TenantsFile, () => {})).toThrow(
      /seed must be one of/,
    );
  });
});
