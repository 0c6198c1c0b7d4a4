import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../load';

const dir = mkdtempSync(path.join(tmpdir(), 'console-sso-config-'));
const users = [{ email: 'a@x.test', role: 'support', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' }];
const workspaces = [{ id: 'acme', name: 'Acme', apiKey: 'abc123', apiSecret: 's', baseUrl: 'http://127.0.0.1:4010' }];
const sso = (extra: Record<string, unknown> = {}) => ({
  id: 'demo-sso',
  name: 'Demo SSO',
  issuer: 'http://127.0.0.1:4011/',
  clientId: 'console',
  clientSecret: { env: 'SSO_SECRET' },
  map: [{ group: 'support-staff', role: 'support' }],
  ...extra,
});
function load(cfg: Record<string, unknown>) {
  const file = path.join(dir, `c${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ workspaces, users, ...cfg }));
  return loadConfig({ CONSOLE_CONFIG: file, SSO_SECRET: 'from-env' });
}

describe('the sso config', () => {
  it('reads providers with their secret and defaults', () => {
    const cfg = load({ sso: [sso({ map: [{ group: 'g', role: 'customer', workspace: 'acme' }] })] });
    expect(cfg.sso).toEqual([
      {
        id: 'demo-sso',
        name: 'Demo SSO',
        issuer: 'http://127.0.0.1:4011',
        clientId: 'console',
        clientSecret: 'from-env',
        groupsClaim: 'groups',
        map: [{ group: 'g', role: 'customer', workspace: 'acme' }],
        requireMfa: false,
      },
    ]);
    expect(load({}).sso).toEqual([]);
  });

  it.each([
    [{ sso: [sso({ map: [{ group: 'g', role: 'customer' }] })] }, /sso\[0\]\.map\[0\]\.workspace/],
    [{ sso: [sso({ map: [{ group: 'g', role: 'support', workspace: 'acme' }] })] }, /sso\[0\]\.map\[0\]\.workspace/],
    [
      { sso: [sso({ map: [{ group: 'g', role: 'customer', workspace: 'nope' }] })] },
      /sso\[0\]\.map\[0\]\.workspace: unknown workspace nope/,
    ],
    [{ sso: [sso({ map: [] })] }, /sso\[0\]\.map/],
    [{ sso: [sso({ issuer: 'http://idp.example.com' })] }, /sso\[0\]\.issuer/],
    [{ sso: [sso(), sso()] }, /sso\[1\]\.id/],
    [{ sso: [sso({ id: 'Demo SSO' })] }, /sso\[0\]\.id/],
    [{ demo: true, sso: [sso({ issuer: 'https://idp.example.com' })] }, /sso\[0\]\.issuer: demo mode/],
    [{ sso: [sso({ clientSecret: { env: 'MISSING' } })] }, /sso\[0\]\.clientSecret/],
  ])('refuses %j', (cfg, message) => {
    expect(() => load(cfg)).toThrow(message);
  });
});
