import { afterEach, describe, expect, it } from 'vitest';
import { call, sim, stack, until } from '../support/api';

/** Prometheus's text format as a list of samples: name, labels, value. */
function samples(text: string) {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(l);
      const labels = Object.fromEntries([...(m?.[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
      return { name: m?.[1] ?? '', labels, value: Number(m?.[3]) };
    });
}

async function scrape(authorization?: string) {
  const res = await fetch(`${stack().consoleUrl}/api/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

afterEach(async () => {
  await sim.clearFaults();
});

describe('GET /api/metrics', () => {
  it('refuses a scraper without the token, or with a wrong one, and shows no series', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${stack().metricsToken}`]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(res.text).not.toContain('console_');
    }
    // A session is no substitute for the token.
    expect((await call('admin', 'GET', '/api/metrics')).status).toBe(401);
  });

  it('after a few requests shows requests per route, upstream calls, retries, breaker, index age, store and sessions', async () => {
    const acme = '/api/workspaces/acme';
    const list = (await call('support', 'GET', `${acme}/accounts?pageSize=5`)).json as {
      items: { provider: string; externalId: string }[];
    };
    const first = list.items[0]!;
    expect((await call('support', 'GET', `${acme}/accounts/${first.provider}/${first.externalId}`)).status).toBe(200);
    // One 503 then the real answer: a retried read.
    await sim.faults({ script: [{ method: 'GET', status: 503 }] });
    expect((await call('support', 'GET', `${acme}/applications`)).status).toBe(200);
    expect((await call('support', 'POST', `${acme}/index/refresh`)).status).toBe(202);
    await until('the index of acme has been read', async () => {
      const s = (await call('support', 'GET', `${acme}/index`)).json as { running: boolean; asOf: string | null };
      return !s.running && s.asOf !== null;
    });

    const res = await scrape(`Bearer ${stack().metricsToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const all = samples(res.text);
    const find = (name: string, labels: Record<string, string> = {}) =>
      all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

    const detail = find('console_http_request_duration_seconds_count', {
      route: '/api/workspaces/[ws]/accounts/[provider]/[externalId]',
      method: 'GET',
      status: '200',
    });
    expect(detail[0]?.value).toBeGreaterThanOrEqual(1);
    // next-auth's routes too: the stack's sign-ins (one per cookie it holds) were POSTs to its credentials callback.
    const stackSignIns = Object.keys(stack().cookies).length;
    const signIns = find('console_http_request_duration_seconds_count', { route: '/api/auth/[...nextauth]', method: 'POST' });
    expect(signIns.reduce((n, s) => n + s.value, 0)).toBeGreaterThanOrEqual(stackSignIns);
    // Labelled by pattern: no account id ever becomes a label.
    expect(res.text).not.toContain(first.externalId);
    expect(find('console_upstream_calls_total', { op: 'getAccount', outcome: '200' })[0]?.value).toBeGreaterThanOrEqual(1);
    expect(find('console_upstream_calls_total', { outcome: '503' }).length).toBeGreaterThanOrEqual(1);
    expect(find('console_upstream_retries_total').reduce((n, s) => n + s.value, 0)).toBeGreaterThanOrEqual(1);
    expect(find('console_index_age_seconds', { workspace: 'acme' })[0]?.value).toBeGreaterThanOrEqual(0);
    expect(find('console_store_query_duration_seconds_count', { engine: 'pglite' })[0]?.value).toBeGreaterThan(0);
    // The people the stack signed in are still signed in.
    expect(find('console_sessions_active')[0]?.value).toBeGreaterThanOrEqual(stackSignIns);
    // Every workspace's breaker, as it stands (another file's faults may have left one half-open).
    for (const workspace of ['acme', 'globex', 'initech'])
      expect([0, 1, 2]).toContain(find('console_upstream_breaker_state', { workspace })[0]?.value);
    expect(res.text).toContain('console_process_resident_memory_bytes');
  });
});
