import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/stack';
import { call, sim, stack } from '../support/api';

/** Every secret the demo stack holds: keys' secrets, NEXTAUTH_SECRET, the private key, and every Messenger Page token. */
let secrets: string[] = [];
const NEW_TOKEN = 'EAAGsecretsuite00000000000000000000000TOKN';

beforeAll(async () => {
  const s = stack();
  const privateKey = readFileSync(path.join(s.dataDir, 'acme-private.pem'), 'utf8');
  const keyBody = privateKey.split('\n').filter((l) => l && !l.startsWith('-----'));
  const tokens: string[] = [];
  for (const ws of ['acme', 'globex'] as const) {
    const res = await sim.direct(ws, 'GET', '/beta/chatapp-accounts?provider=messenger&page_size=100');
    tokens.push(...res.json._embedded.map((a: { access_token: string }) => a.access_token));
  }
  expect(tokens.length).toBeGreaterThan(5);
  secrets = [
    s.secrets.acme.apiSecret,
    s.secrets.globex.apiSecret,
    s.secrets.nextauthSecret,
    ...Object.values(s.secrets.sso),
    ...keyBody.slice(0, 3),
    ...tokens,
    NEW_TOKEN,
  ];
});

function leaks(text: string): string[] {
  return secrets.filter((secret) => text.includes(secret));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('no secret reaches the browser or the logs (A22–A24)', () => {
  it('nothing under .next/static contains a secret', () => {
    const files = filesUnder(path.join(ROOT, '.next', 'static'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(leaks(readFileSync(f, 'utf8')), f).toEqual([]);
  });

  it('no served page or API answer contains a secret', async () => {
    const texts = await Promise.all(
      [
        '/signin',
        '/w/acme/accounts',
        '/w/globex/accounts',
        '/api/workspaces/acme/accounts?pageSize=100',
        '/api/workspaces/globex/accounts?pageSize=100',
        '/api/workspaces/acme/applications?pageSize=100',
        '/api/auth/session',
      ].map(async (p) => (await call('support', 'GET', p)).text),
    );
    expect(texts.join('').length).toBeGreaterThan(1000);
    for (const t of texts) expect(leaks(t)).toEqual([]);
  });

  it('the console log, at debug level with DEBUG=*, holds no secret after a token is created and rotated', async () => {
    const id = '990000000007777';
    expect(
      (await call('support', 'POST', '/api/workspaces/acme/accounts/messenger', { body: { externalId: id, accessToken: NEW_TOKEN } }))
        .status,
    ).toBe(201);
    expect(
      (await call('support', 'PATCH', `/api/workspaces/acme/accounts/messenger/${id}`, { body: { accessToken: `${NEW_TOKEN}2` } })).status,
    ).toBe(200);
    expect((await call('support', 'DELETE', `/api/workspaces/acme/accounts/messenger/${id}`)).status).toBe(204);
    await call('anonymous', 'POST', '/api/auth/callback/credentials', {
      rawBody: 'email=support%40demo.test&password=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const log = readFileSync(path.join(stack().dataDir, 'console.log'), 'utf8');
    expect(log).toContain('"msg":"request"');
    expect(log).toContain('"msg":"upstream"');
    expect(leaks(log)).toEqual([]);
    expect(log).not.toMatch(/Bearer ey|Basic [A-Za-z0-9+/=]{8}|session-token=/);
    expect(log).not.toMatch(/"password"/);
  });

  it('logged values are JSON-encoded: CRLF and ANSI in a path cannot forge a line (A25)', async () => {
    await call('support', 'GET', '/api/workspaces/acme/accounts/whatsapp/%0D%0A%1B%5B31mFAKE');
    const log = readFileSync(path.join(stack().dataDir, 'console.log'), 'utf8');
    expect(log).not.toContain('\u001b[31m');
    for (const line of log.split('\n').filter((l) => l.startsWith('{'))) expect(() => JSON.parse(line)).not.toThrow();
  });
});
