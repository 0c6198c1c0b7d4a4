import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { simControl } from '../support/sim-control';
import type { Cluster } from './setup';

export { until } from '../support/api';

/** The running cluster; null (with `skipped()` saying why) when it could not start here. */
export const cluster = (): Cluster => inject('cluster') as Cluster;
export const skipped = (): string | null => inject('clusterSkipped');

export interface Answer {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
}

/** A call as a caller makes it: at `base` (nginx or one instance), with a session cookie; mutations carry X-CSRF. */
export async function call(base: string, cookie: string | null, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    redirect: 'manual',
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(method !== 'GET' ? { 'x-csrf': '1' } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json };
}

/** The simulator's control API (its request log and faults), and a direct call with a workspace's own credentials. */
export const sim = {
  ...simControl(() => cluster().simulatorUrl),

  async direct(method: string, apiPath: string): Promise<Answer> {
    const secrets = JSON.parse(readFileSync(path.join(cluster().dataDir, 'secrets.json'), 'utf8')) as {
      acme: { apiKey: string; apiSecret: string };
    };
    const auth = Buffer.from(`${secrets.acme.apiKey}:${secrets.acme.apiSecret}`).toString('base64');
    const res = await fetch(cluster().simulatorUrl + apiPath, { method, headers: { authorization: `Basic ${auth}` } });
    return { status: res.status, headers: res.headers, json: await res.json() };
  },
};

/** The console's server process under a launcher (scripts/start.mjs spawns scripts/server.mjs): what `kill -9` hits. */
export function serverPid(launcherPid: number): number {
  const children = readFileSync(`/proc/${launcherPid}/task/${launcherPid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  const pid = children.find((p) => Number.isInteger(p) && p > 0);
  if (!pid) throw new Error(`the launcher ${launcherPid} has no server process`);
  return pid;
}

/** Whether a process still runs. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
