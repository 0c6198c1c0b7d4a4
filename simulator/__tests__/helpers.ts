/** Test helpers: tenants with a real RSA key pair, a started simulator, auth headers and JWTs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { startSimulator } from '../server';
import type { TenantsFile } from '../types';

export const ACME = { apiKey: 'ab12cd34', apiSecret: 's3cretValue' };
export const GLOBEX = { apiKey: 'ef56ab78', apiSecret: 'gl0bexSecret' };
export const EMPTY = { apiKey: 'aa00bb11', apiSecret: 'emptySecret' };
export const ACME_APP_ID = '5b0c1e7a-3d2f-4a8b-9c6d-1e2f3a4b5c6d';
export const GLOBEX_APP_ID = '7f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

export type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface Keys {
  acme: PrivateKey;
  globex: PrivateKey;
  /** A key pair nobody registered (for the wrong-key case). */
  stranger: PrivateKey;
}

export async function makeTenants(): Promise<{ tenants: TenantsFile; keys: Keys }> {
  const [a, g, s] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
  const tenants: TenantsFile = {
    tenants: [
      {
        ...ACME,
        name: 'Acme Corp',
        seed: 'acme',
        jwtApplications: [{ id: ACME_APP_ID, name: 'Acme Console', publicKey: await exportSPKI(a.publicKey) }],
      },
      {
        ...GLOBEX,
        name: 'Globex',
        seed: 'globex',
        jwtApplications: [{ id: GLOBEX_APP_ID, name: 'Globex Console', publicKey: await exportSPKI(g.publicKey) }],
      },
      { ...EMPTY, name: 'Empty Inc', seed: 'empty', jwtApplications: [] },
    ],
  };
  return { tenants, keys: { acme: a.privateKey, globex: g.privateKey, stranger: s.privateKey } };
}

export const tempDir = () => mkdtempSync(path.join(tmpdir(), 'vonage-sim-'));

export async function start(tenants: TenantsFile, dataDir = tempDir()) {
  const sim = await startSimulator({ port: 0, dataDir, tenants, quiet: true });
  return { ...sim, dataDir };
}

export const basic = (t: { apiKey: string; apiSecret: string }) => `Basic ${Buffer.from(`${t.apiKey}:${t.apiSecret}`).toString('base64')}`;

export interface JwtOptions {
  appId?: string;
  iat?: number;
  exp?: number;
  jti?: string | null;
  acl?: unknown;
}

export async function jwt(key: PrivateKey, o: JwtOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { application_id: o.appId ?? ACME_APP_ID };
  if (o.acl !== undefined) claims.acl = o.acl;
  const t = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 900);
  if (o.jti !== null) t.setJti(o.jti ?? randomUUID());
  return t.sign(key);
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: () => unknown;
}

/** fetch with a JSON body helper; `auth` is the whole Authorization header value. */
export async function call(
  base: string,
  method: string,
  urlPath: string,
  opts: { auth?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.auth) headers.Authorization = opts.auth;
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(base + urlPath, {
    method,
    headers,
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as unknown };
}

/** A raw node:http request, for sending several Authorization headers (fetch would merge them). */
export function rawRequest(base: string, method: string, urlPath: string, headers: Record<string, string | string[]>) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(base + urlPath, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const EA = '/beta/chatapp-accounts';

/** Back to the seed, no faults, an empty request log: each test starts from the same state, whatever ran before. */
export async function reset(base: string): Promise<void> {
  const res = await call(base, 'POST', '/_sim/reset');
  if (res.status !== 200) throw new Error(`simulator reset answered ${res.status}`);
}
export const APPS = '/v2/applications';
