import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '@/lib/schemas/index-views';
import { call, sim, upstreamCallsDuring } from '../support/api';

/*
 * Changes that end without a confirmed answer, replace as one operation, and one
 * change at a time per account. On globex, whose WhatsApp "Globex Sales" starts unlinked;
 * each test leaves it unlinked again. The console's deadline here is 1.5 s.
 */
const ws = '/api/workspaces/globex';
let account = '';
let upstreamPath = '';
let appA = '';
let appB = '';

async function linked(): Promise<string[]> {
  return (await call('support', 'GET', account)).json.applications as string[];
}
async function setLink(app: string | null): Promise<void> {
  for (const a of await linked()) await call('support', 'DELETE', `${account}/applications/${a}`);
  if (app) expect((await call('support', 'POST', `${account}/applications`, { body: { applicationId: app } })).status).toBe(200);
}

beforeAll(async () => {
  const list = await call('support', 'GET', `${ws}/accounts?provider=whatsapp&pageSize=100`);
  const sales = (list.json.items as { externalId: string; name: string }[]).find((a) => a.name === 'Globex Sales')!;
  account = `${ws}/accounts/whatsapp/${sales.externalId}`;
  upstreamPath = `/beta/chatapp-accounts/whatsapp/${sales.externalId}/applications`;
  const apps = await call('support', 'GET', `${ws}/applications?capability=messages`);
  const ids = (apps.json.items as { id: string }[]).map((a) => a.id);
  appA = ids[0]!;
  appB = ids[1]!;
});
afterEach(async () => {
  await sim.clearFaults();
  await setLink(null);
});

describe('a change without a confirmed answer', () => {
  it('an unlink that lands 0.5 s after the deadline is "unconfirmed" (504), and a re-read shows it unlinked', async () => {
    await setLink(appA);
    await sim.faults({ script: [{ method: 'DELETE', path: upstreamPath, delayMs: 2000, passThrough: true }] });
    // Vonage makes the change 2 s after it arrived: 0.5 s after the console's 1.5 s deadline.
    const res = await call('support', 'DELETE', `${account}/applications/${appA}`);
    expect(res.status).toBe(504);
    expect(res.json.type).toBe('/problems/unconfirmed');
    expect(res.json.detail).not.toMatch(/nothing was changed/i);
    await expect.poll(linked, { timeout: 5000, interval: 250 }).toEqual([]);
  });

  it('a 2xx that cannot be read, on a link, is "unconfirmed" (502), never "nothing was changed"', async () => {
    await sim.faults({ script: [{ method: 'POST', path: upstreamPath, status: 200, body: '<html>ok?</html>' }] });
    const res = await call('support', 'POST', `${account}/applications`, { body: { applicationId: appA } });
    expect(res.status).toBe(502);
    expect(res.json.type).toBe('/problems/unconfirmed');
    expect(res.json.detail).not.toMatch(/nothing was changed/i);
  });
});

describe('replace, as one operation', () => {
  it('replaces the linked application in one request', async () => {
    await setLink(appA);
    const calls = await upstreamCallsDuring(async () => {
      const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: appA } });
      expect(res.status).toBe(200);
      expect(res.json.applications).toEqual([appB]);
    });
    expect(calls.map((c) => c.method)).toEqual(['GET', 'DELETE', 'POST']);
  });

  it('409 and no change when the linked application is not the expected one', async () => {
    await setLink(appA);
    const calls = await upstreamCallsDuring(async () => {
      const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: null } });
      expect(res.status).toBe(409);
    });
    expect(calls.map((c) => c.method)).toEqual(['GET']);
    expect(await linked()).toEqual([appA]);
  });

  it('a link that Vonage refuses puts the old application back: restored true', async () => {
    await setLink(appA);
    await sim.faults({ script: [{ method: 'POST', path: upstreamPath, status: 403 }] });
    const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: appA } });
    expect(res.status).toBe(422);
    expect(res.json.restored).toBe(true);
    expect(await linked()).toEqual([appA]);
  });

  it('a link refused, and putting the old one back refused too: restored false, and search says unlinked', async () => {
    await setLink(appA);
    await sim.faults({
      script: [
        { method: 'POST', path: upstreamPath, status: 403 },
        { method: 'POST', path: upstreamPath, status: 403 },
      ],
    });
    const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: appA } });
    expect(res.json.restored).toBe(false);
    // Before any read of the account (which would refresh the index by itself): the index already knows.
    const found = await call('support', 'GET', '/api/search?q=globex%20sales&workspace=globex');
    const hit = (found.json.items as SearchHit[]).find((h) => account.endsWith(`/${h.account.externalId}`));
    expect(hit?.account.applications).toEqual([]);
    expect(await linked()).toEqual([]);
  });

  it('a link that times out but lands is read back, not undone: the new application stays', async () => {
    await setLink(appA);
    await sim.faults({ script: [{ method: 'POST', path: upstreamPath, answerDelayMs: 3000 }] });
    const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: appA } });
    expect(res.status).toBe(200);
    expect(res.json.applications).toEqual([appB]);
    expect(await linked()).toEqual([appB]);
  });

  it('a link that times out and never lands puts the old application back', async () => {
    await setLink(appA);
    await sim.faults({ script: [{ method: 'POST', path: upstreamPath, hang: true }] });
    const res = await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB, expectedCurrent: appA } });
    expect(res.status).toBe(504);
    expect(res.json).toMatchObject({ type: '/problems/unconfirmed', restored: true });
    expect(await linked()).toEqual([appA]);
  });

  it('refuses a body that is not {applicationId, expectedCurrent} before any upstream call', async () => {
    const calls = await upstreamCallsDuring(async () => {
      expect((await call('support', 'PUT', `${account}/applications`, { body: { applicationId: appB } })).status).toBe(400);
    });
    expect(calls).toEqual([]);
  });
});

describe('one change at a time per account', () => {
  it('a second link while the first is in flight is 409 with plain words, and Vonage sees one', async () => {
    await sim.faults({ script: [{ method: 'POST', path: upstreamPath, delayMs: 600, passThrough: true }] });
    const calls = await upstreamCallsDuring(async () => {
      const first = call('support', 'POST', `${account}/applications`, { body: { applicationId: appA } });
      await expect.poll(async () => (await sim.requests()).length).toBeGreaterThan(0);
      const second = await call('support', 'POST', `${account}/applications`, { body: { applicationId: appA } });
      expect(second.status).toBe(409);
      expect(second.json.type).toBe('/problems/change-in-progress');
      expect(second.json.detail).toMatch(/still waiting for Vonage/);
      expect((await first).status).toBe(200);
    });
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });
});
