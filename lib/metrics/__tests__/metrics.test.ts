import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerMatches } from '../endpoint';
import { metrics } from '../registry';
import { timeQueries } from '../hooks';
import { OTHER_ROUTE, ROUTE_PATTERNS, routePattern } from '../routes';

const API = path.join(import.meta.dirname, '..', '..', '..', 'app', 'api');

function routeFolders(dir: string, prefix = '/api'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isFile() && e.name === 'route.ts') return [prefix];
    return e.isDirectory() ? routeFolders(path.join(dir, e.name), `${prefix}/${e.name}`) : [];
  });
}

describe('route patterns for the request series', () => {
  it('name exactly the routes under app/api', () => {
    expect([...ROUTE_PATTERNS, OTHER_ROUTE].sort()).toEqual(routeFolders(API).sort());
  });

  it.each([
    ['/api/workspaces/acme/accounts/whatsapp/4471234', '/api/workspaces/[ws]/accounts/[provider]/[externalId]'],
    ['/api/workspaces/acme/accounts/export', '/api/workspaces/[ws]/accounts/export'],
    ['/api/workspaces/acme/accounts/whatsapp', '/api/workspaces/[ws]/accounts/[provider]'],
    ['/api/workspaces/globex/applications/5f1c', '/api/workspaces/[ws]/applications/[applicationId]'],
    ['/api/auth/callback/credentials', '/api/auth/[...nextauth]'],
    ['/api/people/someone%40acme.test/sessions', '/api/people/[id]/sessions'],
    ['/api/no/such/thing', OTHER_ROUTE],
    ['/api/workspaces/acme/accounts/whatsapp/1/applications/2/extra', OTHER_ROUTE],
  ])('%s is labelled %s, never by its ids', (pathname, pattern) => {
    expect(routePattern(pathname)).toBe(pattern);
  });
});

describe('the metrics token', () => {
  const token = 'a-token-of-sixteen-or-more';
  it.each([
    [`Bearer ${token}`, true],
    [`bearer ${token}`, true],
    [`Bearer ${token}x`, false],
    [`Basic ${token}`, false],
    ['Bearer ', false],
    [null, false],
  ])('%j matches: %s', (header, ok) => {
    expect(bearerMatches(header, token)).toBe(ok);
  });
});

describe('store query timing', () => {
  it('times a query without changing its answer or its failure', async () => {
    const client = {
      query: async (text: string) => {
        if (text === 'fail') throw new Error('no such table');
        return { rows: [{ text }] };
      },
    };
    timeQueries(client, 'pglite');
    await expect(client.query('SELECT 1')).resolves.toEqual({ rows: [{ text: 'SELECT 1' }] });
    await expect(client.query('fail')).rejects.toThrow('no such table');
    const series = await metrics().storeSeconds.get();
    const count = series.values.find((v) => v.metricName === 'console_store_query_duration_seconds_count' && v.labels.engine === 'pglite');
    expect(count?.value).toBe(2);
  });
});
