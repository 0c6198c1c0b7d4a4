import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signIn } from '../../scripts/session';
import { startConsoleProcess, waitForHttp } from '../../scripts/stack';
import { call, cluster, running, serverPid, sim, skipped, until } from './support';

/*
 * Instances stopping under load: SIGTERM drains one (nothing it accepted is
 * lost), and `kill -9` of one behind nginx sends the rest to the other.
 * After shared.test.ts (vitest.cluster.config.ts runs files in name order):
 * the last test here kills instance B.
 */
const acme = '/api/workspaces/acme';

afterEach(async () => {
  if (!skipped()) await sim.clearFaults();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

type Outcome = { kind: 'ok' | 'refused' | 'reset' | 'lost'; detail: string; started: number; ended: number };

/**
 * One GET on a connection of its own (as a client behind no proxy): answered, refused at connect, reset before
 * any answer (a connection the kernel had queued when the listening socket closed), or lost.
 */
function getOnce(url: string, cookie: string): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const done = (kind: Outcome['kind'], detail: string) => resolve({ kind, detail, started, ended: Date.now() });
    const req = request(url, { agent: false, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode === 200 ? 'ok' : 'lost', String(res.statusCode)));
      res.on('error', (e: NodeJS.ErrnoException) => done('lost', e.code ?? e.message));
    });
    req.on('error', (e: NodeJS.ErrnoException) =>
      done(e.code === 'ECONNREFUSED' ? 'refused' : e.code === 'ECONNRESET' ? 'reset' : 'lost', e.code ?? e.message),
    );
    req.end();
  });
}

/** `loops` clients calling `one` back to back until `stop()` is called, or until `last` says so; every outcome kept. */
function load<T>(loops: number, one: () => Promise<T>, last: (outcome: T) => boolean = () => false) {
  let stopped = false;
  const outcomes: T[] = [];
  const all = Promise.all(
    Array.from({ length: loops }, async () => {
      for (let done = false; !stopped && !done;) {
        const outcome = await one();
        outcomes.push(outcome);
        done = last(outcome);
      }
    }),
  );
  return {
    outcomes,
    async stop() {
      stopped = true;
      await all;
      return outcomes;
    },
  };
}

describe.skipIf(skipped())('instances stopping under load', () => {
  it('SIGTERM during a load loses nothing that was accepted: every request completes or is refused at connect', async () => {
    const port = await freePort();
    const logFile = path.join(cluster().dataDir, 'console-c.log');
    const c = await startConsoleProcess({ port, files: cluster().files, env: cluster().consoleEnv, logFile });
    await waitForHttp(`${c.url}/api/ready`, c.child);
    const exited = new Promise<number | null>((resolve) => c.child.once('exit', (code) => resolve(code)));
    const cookie = await signIn(c.url, 'support@demo.test');
    // Only this test's load calls Vonage's account list from now on: one call for each request the console took in.
    await sim.clearRequests();
    // A client refused at connect goes elsewhere (as nginx does): that client's loop ends.
    const traffic = load(
      4,
      () => getOnce(`${c.url}${acme}/accounts?pageSize=5`, cookie),
      (o) => o.kind === 'refused',
    );
    await until('some requests answered', async () => traffic.outcomes.length >= 20);

    // A slow request in flight when SIGTERM comes: Vonage holds its answer 2 s.
    await sim.faults({ script: [{ path: '/v2/applications', delayMs: 2_000, passThrough: true }] });
    const slow = getOnce(`${c.url}${acme}/applications`, cookie);
    await until('the slow request reached Vonage', async () => (await sim.requests()).some((r) => r.path === '/v2/applications'));

    const sigtermAt = Date.now();
    process.kill(c.child.pid as number, 'SIGTERM');
    const code = await exited;
    const stoppedAfter = Date.now() - sigtermAt;
    const outcomes = await traffic.stop();

    // The request in flight finished, and the instance waited for it (within 10 s), then exited 0.
    expect(await slow).toMatchObject({ kind: 'ok' });
    expect(code).toBe(0);
    // It closed the store after the last request, and said so.
    const log = readFileSync(logFile, 'utf8');
    expect(log).toMatch(/^Stopped after \d+ ms$/m);
    expect(log).not.toContain('closing the store failed');
    expect(stoppedAfter).toBeGreaterThanOrEqual(1_000);
    expect(stoppedAfter).toBeLessThan(11_000);
    const tally = { ok: 0, refused: 0, reset: 0, lost: 0 };
    for (const o of outcomes) tally[o.kind] += 1;
    console.log(`SIGTERM under load: ${JSON.stringify(tally)}; stopped ${stoppedAfter} ms after the signal`);
    expect(
      outcomes.filter((o) => o.kind === 'lost').map((o) => ({ ...o, started: o.started - sigtermAt, ended: o.ended - sigtermAt })),
    ).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
    // A reset request was never taken in: every request that reached the console called Vonage once and was answered.
    const listCalls = (await sim.requests()).filter((r) => r.method === 'GET' && r.path === '/beta/chatapp-accounts');
    expect(listCalls).toHaveLength(tally.ok);
  });

  it('kill -9 of one instance under a steady load: nginx sends the rest to the other; only requests in flight may fail; no replace left half done', async () => {
    const proxy = cluster().proxyUrl;
    const [, b] = cluster().instances;
    const cookie = await signIn(proxy, 'admin@demo.test');
    const apps = ((await call(proxy, cookie, 'GET', `${acme}/applications?pageSize=100`)).json as { items: { id: string }[] }).items;
    const page = (await call(proxy, cookie, 'GET', `${acme}/accounts?provider=whatsapp&pageSize=20`)).json as {
      items: { provider: string; externalId: string; applications: string[] }[];
    };
    const account = page.items.find((a) => a.applications.length === 1);
    expect(account && apps.length >= 2).toBe(true);
    const accountPath = `${acme}/accounts/${account!.provider}/${account!.externalId}`;
    const [appX, appY] = [account!.applications[0]!, apps.map((a) => a.id).find((id) => id !== account!.applications[0])!];
    // A second account, whose replace on B is cut by the kill between its unlink and its link: Vonage holds the link.
    const cut = page.items.find((a) => a !== account && a.applications.length === 1)!;
    const cutUpstream = `/beta/chatapp-accounts/${cut.provider}/${cut.externalId}`;
    const cutFrom = cut.applications[0]!;
    await sim.faults({ script: [{ method: 'POST', path: `${cutUpstream}/applications`, hang: true }] });
    await sim.clearRequests();
    const cutReplace = call(b.url, cookie, 'PUT', `${acme}/accounts/${cut.provider}/${cut.externalId}/applications`, {
      applicationId: apps.map((a) => a.id).find((id) => id !== cutFrom),
      expectedCurrent: cutFrom,
    }).catch((e: unknown) => e);
    await until('the cut replace unlinked and sent its link', async () =>
      (await sim.requests()).some((r) => r.method === 'POST' && r.path === `${cutUpstream}/applications`),
    );
    expect(((await sim.direct('GET', cutUpstream)).json as { applications?: string[] }).applications ?? []).toEqual([]);

    type Sent = { ok: boolean; detail: string; started: number; ended: number };
    const send = async (method: string, p: string, body?: unknown): Promise<Sent> => {
      const started = Date.now();
      try {
        const r = await call(proxy, cookie, method, p, body);
        return { ok: r.status < 400, detail: `${method} ${r.status}`, started, ended: Date.now() };
      } catch (e) {
        return { ok: false, detail: `${method} ${(e as Error).message}`, started, ended: Date.now() };
      }
    };
    const reads = load(4, () => send('GET', `${acme}/accounts?pageSize=5`));
    // A replace now and then on one account (X ⇄ Y), its current application read first.
    let replaces = 0;
    const changes = load(1, async () => {
      const now = await call(proxy, cookie, 'GET', accountPath);
      const current = (now.json as { applications?: string[] } | null)?.applications?.[0] ?? null;
      const sent = await send('PUT', `${accountPath}/applications`, {
        applicationId: current === appX ? appY : appX,
        expectedCurrent: current,
      });
      replaces += 1;
      // A support desk's pace, not a benchmark's: the load's changes are a few a second.
      await new Promise((r) => setTimeout(r, 200));
      return sent;
    });
    await until('steady load through nginx', async () => reads.outcomes.length >= 100 && replaces >= 5);

    const pid = serverPid(b.launcherPid);
    const killedAt = Date.now();
    const servedBefore = reads.outcomes.length + changes.outcomes.length;
    process.kill(pid, 'SIGKILL');
    await until('instance B is gone', async () => !running(pid));
    await until('the load went on without B', async () => reads.outcomes.length + changes.outcomes.length >= servedBefore + 200, 30_000);
    const all = [...(await reads.stop()), ...(await changes.stop())];

    const failed = all.filter((o) => !o.ok);
    const after = all.filter((o) => o.started > killedAt);
    console.log(
      `failover: ${failed.length} of ${all.length} requests failed (${failed.map((f) => f.detail).join(', ') || 'none'}); ` +
        `${after.length} sent after the kill, all to the other instance`,
    );
    // Only requests in flight at the kill may fail: at most one per client (5), none sent afterwards.
    expect(failed.every((f) => f.started <= killedAt && f.ended >= killedAt)).toBe(true);
    expect(failed.length).toBeLessThanOrEqual(5);
    expect(after.every((o) => o.ok)).toBe(true);
    // B is down; nginx (and the tests) reach A.
    await expect(fetch(`${b.url}/api/health`)).rejects.toThrow();

    // No replace left half done at Vonage. The load's account has exactly one of its two applications; the cut one
    // gets its old application back from instance A, which finds the intent B left (lib/bff/replace-journal.ts).
    expect(await cutReplace).toBeInstanceOf(Error);
    const linkedTo = async (p: string) => ((await sim.direct('GET', p)).json as { applications?: string[] }).applications ?? [];
    const loadAccount = `/beta/chatapp-accounts/${account!.provider}/${account!.externalId}`;
    await until('no replace is left half done', async () => (await linkedTo(loadAccount)).length === 1, 30_000);
    expect([appX, appY]).toContain((await linkedTo(loadAccount))[0]);
    await until('the cut replace is put right', async () => (await linkedTo(cutUpstream)).join() === cutFrom, 30_000);
    console.log(`cut replace put right ${Date.now() - killedAt} ms after the kill`);
    const events = (await call(proxy, cookie, 'GET', `${acme}/activity?action=account.replace&target=${cut.externalId}`)).json as {
      items: { outcome: string; after: { cut?: boolean; restored?: boolean } }[];
    };
    expect(events.items[0]).toMatchObject({ outcome: 'failed', after: { cut: true, restored: true } });
  });
});
