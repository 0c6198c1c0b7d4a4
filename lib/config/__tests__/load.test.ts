import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { loadConfig } from '../load';

const dir = mkdtempSync(path.join(tmpdir(), 'console-config-'));
let hash = '';
beforeAll(async () => {
  hash = await hashPassword('pw');
});

function write(cfg: unknown): string {
  const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}
const users = () => [{ email: 'A@x.test', role: 'support', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' }];

describe('loadConfig', () => {
  it('reads workspaces and users, resolving secret references', () => {
    writeFileSync(path.join(dir, 'key.pem'), 'PEM\n');
    const file = write({
      workspaces: [
        {
          id: 'acme',
          name: 'Acme',
          apiKey: 'abc123',
          apiSecret: { env: 'ACME_SECRET' },
          applicationId: '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e',
          privateKey: { file: 'key.pem' },
        },
      ],
      users: users(),
    });
    const cfg = loadConfig({ CONSOLE_CONFIG: file, ACME_SECRET: 's3' });
    expect(cfg.workspaces.get('acme')).toMatchObject({ apiSecret: 's3', baseUrl: 'https://api.nexmo.com', jwt: { privateKey: 'PEM' } });
    expect(cfg.users.get('a@x.test')?.role).toBe('support');
  });

  it.each([
    [{ workspaces: [{ id: 'Bad Id', name: 'x', apiKey: 'k', apiSecret: 's' }], users: users() }, /workspaces\[0\]\.id/],
    [{ workspaces: [{ id: 'a', name: 'x', apiKey: 'k', apiSecret: 's', baseUrl: 'ftp://x' }], users: users() }, /workspaces\[0\]\.baseUrl/],
    [
      {
        workspaces: [{ id: 'a', name: 'x', apiKey: 'k', apiSecret: 's' }],
        users: [{ email: 'c@x.test', role: 'customer', passwordHash: 'plain' }],
      },
      /users\[0\]\.passwordHash/,
    ],
    [
      {
        workspaces: [{ id: 'a', name: 'x', apiKey: 'k', apiSecret: 's' }],
        users: [{ email: 'c@x.test', role: 'customer', workspace: 'zzz', passwordHash: 'scrypt$1$1$1$a$b' }],
      },
      /users\[0\]\.workspace/,
    ],
    [
      { workspaces: [{ id: 'a', name: 'x', apiKey: 'k', apiSecret: { env: 'NOPE' } }], users: users() },
      /workspaces\[0\]\.apiSecret: environment variable NOPE/,
    ],
    [
      { demo: true, workspaces: [{ id: 'a', name: 'x', apiKey: 'k', apiSecret: 's' }], users: users() },
      /demo mode only runs against the simulator/,
    ],
  ])('names the bad field (%#)', (cfg, message) => {
    expect(() => loadConfig({ CONSOLE_CONFIG: write(cfg) })).toThrow(message);
  });

  it('adds the VONAGE_* shortcut as workspace default', () => {
    const cfg = loadConfig({
      CONSOLE_CONFIG: write({ users: users() }),
      VONAGE_API_KEY: 'k1',
      VONAGE_API_SECRET: 's1',
      VONAGE_API_BASE_URL: 'http://127.0.0.1:9/',
    });
    expect(cfg.workspaces.get('default')).toMatchObject({ apiKey: 'k1', apiSecret: 's1', jwt: null, baseUrl: 'http://127.0.0.1:9' });
  });

  it('fails clearly without CONSOLE_CONFIG', () => {
    expect(() => loadConfig({})).toThrow(/CONSOLE_CONFIG/);
  });
});

describe('password hashes', () => {
  it('are salted and verify', async () => {
    expect(hash).not.toBe(await hashPassword('pw'));
    expect(await verifyPassword('pw', hash)).toBe(true);
    expect(await verifyPassword('PW', hash)).toBe(false);
    expect(await verifyPassword('pw', undefined)).toBe(false);
  });
});
