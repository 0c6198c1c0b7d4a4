import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn, signOut } from '../../scripts/session';
import { ROOT } from '../../scripts/stack';
import { call, cluster, sim, skipped, until } from './support';

/*
 * What several instances share through the one PostgreSQL database
 * (product.md, "Running several instances"): sessions, sign-in throttling,
 * the activity log and the account index's re-read lease.
 */
const A = () => cluster().instances[0].url;
const B = () => cluster().instances[1].url;
const acme = '/api/workspaces/acme';

/** One sign-in attempt at one instance, as the sign-in form posts it; its CSRF token from the other instance. */
async function attempt(at: string, csrfFrom: string, email: string, password: string): Promise<number> {
  const csrfRes = await fetch(`${csrfFrom}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const cookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${at}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  await res.arrayBuffer();
  return res.status;
}

afterEach(async () => {
  if (!skipped()) await sim.clearFaults();
});

describe.skipIf(skipped())('two instances behind nginx, one PostgreSQL', () => {
  it('a session made through one instance works on the other; signed out through one, the other refuses it within 5 s', async () => {
    const cookie = await signIn(A(), 'support@demo.test');
    expect((await call(B(), cookie, 'GET', '/api/workspaces')).status).toBe(200);
    expect((await call(cluster().proxyUrl, cookie, 'GET', '/api/workspaces')).status).toBe(200);
    // B has just checked the session: its short cache (lib/auth/sessions.ts, 4 s) holds it as alive.
    expect((await call(B(), cookie, 'GET', `${acme}/accounts?pageSize=1`)).status).toBe(200);

    expect(await signOut(A(), cookie)).toBe(200);
    const signedOutAt = Date.now();
    expect((await call(A(), cookie, 'GET', '/api/workspaces')).status).toBe(401);
    await until(
      'instance B refuses the signed-out session',
      async () => (await call(B(), cookie, 'GET', '/api/workspaces')).status === 401,
      5_000,
    );
    const refusedAfter = Date.now() - signedOutAt;
    console.log(`sign-out through A refused on B after ${refusedAfter} ms`);
    expect(refusedAfter).toBeLessThan(5_000);
    expect((await call(cluster().proxyUrl, cookie, 'GET', '/api/workspaces')).status).toBe(401);
  });

  it('throttling counts are shared: wrong passwords spread over both instances are limited as one', async () => {
    const email = 'owner@globex.test';
    // Five wrong passwords, alternating: no instance alone saw five.
    const wrong = [];
    for (let i = 0; i < 5; i += 1) wrong.push(await attempt(i % 2 ? B() : A(), i % 2 ? A() : B(), email, `wrong-${i}`));
    expect(wrong).toEqual([401, 401, 401, 401, 401]);
    // The right password now is refused on either instance, and through nginx.
    expect(await attempt(A(), A(), email, 'demo')).toBe(429);
    expect(await attempt(B(), B(), email, 'demo')).toBe(429);
    expect(await attempt(cluster().proxyUrl, cluster().proxyUrl, email, 'demo')).toBe(429);
  });

  it('activity events written by both instances at once form one chain that `npm run activity:verify` accepts', async () => {
    const admin = await signIn(A(), 'admin@demo.test');
    // Changes recorded in acme's chain, written by both instances at the same time, and sign-ins in the sign-in chain.
    const writes = Array.from({ length: 12 }, (_, i) => call(i % 2 ? B() : A(), admin, 'POST', `${acme}/index/refresh`));
    const signIns = Array.from({ length: 4 }, (_, i) => signIn(i % 2 ? B() : A(), 'viewer@demo.test'));
    const answers = await Promise.all(writes);
    await Promise.all(signIns);
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(202));
    await until('no re-read of acme runs', async () => !(await call(A(), admin, 'GET', `${acme}/index`)).json.running);

    const verify = spawnSync('npm', ['run', '--silent', 'activity:verify'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: cluster().databaseUrl, LOG_LEVEL: 'silent' },
    });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    const acmeChain = /^\s+acme: (\d+) events?, whole$/m.exec(verify.stdout);
    expect(Number(acmeChain?.[1])).toBeGreaterThanOrEqual(12);
    expect(verify.stdout).not.toContain('BROKEN');
  });

  it('only one instance re-reads the index at a time: asked of both at once, Vonage sees one read', async () => {
    const support = await signIn(B(), 'support@demo.test');
    await until('no re-read of acme runs', async () => !(await call(A(), support, 'GET', `${acme}/index`)).json.running);
    // Vonage holds the read's first page 3 s, so that the read lasts while both instances are asked again and again.
    await sim.faults({ script: [{ method: 'GET', path: '/beta/chatapp-accounts', delayMs: 3_000, passThrough: true }] });
    await sim.clearRequests();
    const asks = await Promise.all(Array.from({ length: 6 }, (_, i) => call(i % 2 ? B() : A(), support, 'POST', `${acme}/index/refresh`)));
    expect(asks.map((r) => r.status)).toEqual(Array(6).fill(202));
    // The lease is in the store: the instance that is not reading says a read runs too.
    const runningOn = async (at: string) => (await call(at, support, 'GET', `${acme}/index`)).json.running === true;
    await until('both instances say a read of acme runs', async () => (await runningOn(A())) && (await runningOn(B())), 2_500);
    // Asked again while the read runs: still the one read.
    expect((await call(B(), support, 'POST', `${acme}/index/refresh`)).status).toBe(202);
    await until('the re-read of acme is over', async () => !(await call(B(), support, 'GET', `${acme}/index`)).json.running, 30_000);

    const calls = await sim.requests();
    const firstPages = (p: string, q: RegExp) => calls.filter((c) => c.method === 'GET' && c.path === p && q.test(c.query));
    expect(firstPages('/beta/chatapp-accounts', /(^|&)page_number=1(&|$)/)).toHaveLength(1);
    expect(firstPages('/v2/applications', /(^|&)page=1(&|$)/)).toHaveLength(1);
    const status = (await call(A(), support, 'GET', `${acme}/index`)).json as { lastOutcome: string; asOf: string | null };
    expect(status.lastOutcome).toBe('ok');
  });

  it('each instance shows its metrics to the token holder, the shared ones alike; nginx keeps /api/metrics closed', async () => {
    const authorization = `Bearer ${cluster().metricsToken}`;
    const scrape = async (base: string) => {
      const res = await fetch(`${base}/api/metrics`, { headers: { authorization } });
      return { status: res.status, text: await res.text() };
    };
    const [a, b] = [await scrape(A()), await scrape(B())];
    expect([a.status, b.status]).toEqual([200, 200]);
    const sessions = (text: string) => /^console_sessions_active (\d+)$/m.exec(text)?.[1];
    // Counted in the store: both instances say the same (no sign-in happens between the two scrapes).
    expect(Number(sessions(a.text))).toBeGreaterThan(0);
    expect(sessions(a.text)).toBe(sessions(b.text));
    expect(b.text).toContain('console_store_query_duration_seconds_count{engine="postgres"}');
    expect(a.text).toMatch(/^console_index_age_seconds\{workspace="acme"\} /m);
    const proxied = await scrape(cluster().proxyUrl);
    expect(proxied.status).toBe(404);
    expect(proxied.text).not.toContain('console_');
  });
});
