import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envSchema, parseEnv } from '../env';

describe('settings from the environment', () => {
  it('fills in every default', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ LOG_LEVEL: 'info', UPSTREAM_TIMEOUT_MS: 10_000, RATE_LIMIT_PER_SECOND: 20, BREAKER_OPEN_MS: 5_000 });
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
  });

  it('reads numbers and treats an empty variable as not set', () => {
    expect(parseEnv({ UPSTREAM_TIMEOUT_MS: '2500', LOG_LEVEL: '' })).toMatchObject({ UPSTREAM_TIMEOUT_MS: 2500, LOG_LEVEL: 'info' });
  });

  it.each([
    [{ UPSTREAM_TIMEOUT_MS: 'soon' }, /^UPSTREAM_TIMEOUT_MS: /],
    [{ UPSTREAM_TIMEOUT_MS: '-5' }, /^UPSTREAM_TIMEOUT_MS: /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL: /],
    [{ NEXTAUTH_URL: 'console.example.com' }, /^NEXTAUTH_URL: /],
    [{ VONAGE_API_BASE_URL: 'ftp://api.nexmo.com' }, /^VONAGE_API_BASE_URL: /],
  ])('refuses %j with a message that names the variable', (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it("the README's settings table lists exactly the variables the server reads", () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('<!-- settings:start'), readme.indexOf('<!-- settings:end'));
    const documented = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('docs/operations.md names every variable the server reads', () => {
    const ops = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'operations.md'), 'utf8');
    const missing = Object.keys(envSchema.shape).filter(
      (name) => !ops.includes(`\`${name}\``) && !(name.startsWith('VONAGE_') && ops.includes('`VONAGE_*`')),
    );
    expect(missing).toEqual([]);
  });
});
