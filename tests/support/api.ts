import { expect, inject } from 'vitest';
import type { Stack } from './global-setup';
import { simControl, type SimRequest } from './sim-control';

export type Who = keyof Stack['cookies'] | 'anonymous';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
}

export function stack(): Stack {
  return inject('stack');
}

async function toAnswer(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A call to the console's BFF as a signed-in role; mutations carry X-CSRF unless told otherwise. */
export async function call(
  who: Who,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: BodyInit; headers?: Record<string, string>; csrf?: boolean } = {},
): Promise<Answer> {
  const s = stack();
  const headers: Record<string, string> = {};
  if (who !== 'anonymous') headers.cookie = s.cookies[who];
  if (method !== 'GET' && opts.csrf !== false) headers['x-csrf'] = '1';
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(s.consoleUrl + path, {
    method,
    redirect: 'manual',
    headers: { ...headers, ...opts.headers },
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  });
  return toAnswer(res);
}

export type { SimRequest };

/** The simulator's control API: its request log and its faults. */
export const sim = {
  ...simControl(() => stack().simulatorUrl),

  /** A direct call to the simulator with a workspace's Basic credentials. */
  async direct(ws: 'acme' | 'globex', method: string, path: string, body?: unknown): Promise<Answer> {
    const { apiKey, apiSecret } = stack().secrets[ws];
    const res = await fetch(stack().simulatorUrl + path, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return toAnswer(res);
  },
};

/** Runs `fn` and returns what the simulator received meanwhile. */
export async function upstreamCallsDuring(fn: () => Promise<unknown>): Promise<SimRequest[]> {
  await sim.clearRequests();
  await fn();
  return sim.requests();
}

/** Runs `fn` and asserts that the simulator received no call meanwhile. */
export async function expectNoUpstream(fn: () => Promise<void>): Promise<void> {
  expect(await upstreamCallsDuring(fn)).toEqual([]);
}

/**
 * Waits for a condition of the running stack, polling it, and fails with `what` when it does not hold in time:
 * never a fixed sleep that a slow machine outruns or a fast one wastes.
 */
export async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
