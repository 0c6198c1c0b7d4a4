/**
 * Signed-in latency under a sign-in flood: the median of one signed-in person's API calls (one at a time)
 * while nothing else runs, then while `connections` clients post wrong passwords to next-auth's credentials
 * callback as fast as they are answered. Both in the same run, against the same console.
 */
import autocannon from 'autocannon';
import { load, type LoadRequest } from './load';
import { median, percentile, round } from './stats';
import type { SignInFlood } from './report';

export interface FloodSpec {
  consoleUrl: string;
  /** The signed-in person's session cookie, and the call they make. */
  cookie: string;
  call: LoadRequest;
  /** Who the flood claims to be; every attempt has a wrong password. */
  email: string;
  connections: number;
  seconds: number;
}

async function csrf(consoleUrl: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${consoleUrl}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

/** Sign-in attempts as fast as they are answered; every answer's status and time kept. */
async function flood(spec: FloodSpec, durationS: number) {
  const { token, cookie } = await csrf(spec.consoleUrl);
  const body = new URLSearchParams({ csrfToken: token, email: spec.email, password: 'not the password', json: 'true' }).toString();
  const statuses: Record<number, number> = {};
  const checkedMs: number[] = [];
  const instance = autocannon({
    url: spec.consoleUrl,
    connections: spec.connections,
    duration: durationS,
    timeout: 30,
    requests: [{ method: 'POST', path: '/api/auth/callback/credentials', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body }],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== 429) checkedMs.push(ms);
  });
  const result = await instance;
  checkedMs.sort((a, b) => a - b);
  return { statuses, checkedMs, errors: result.errors + result.timeouts, durationS: result.duration };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function signInFlood(spec: FloodSpec): Promise<SignInFlood> {
  const signedIn = (seconds: number) =>
    load({ origin: spec.consoleUrl, connections: 1, durationS: seconds, headers: { cookie: spec.cookie }, requests: [spec.call] });
  const quiet = await signedIn(spec.seconds);
  // The flood starts first and outlasts the measurement, so every signed-in call meets it.
  const flooding = flood(spec, spec.seconds + 1);
  await sleep(500);
  const flooded = await signedIn(spec.seconds);
  const f = await flooding;
  for (const r of [quiet, flooded])
    if (r.non2xx || r.errors || r.count === 0) throw new Error(`signed-in calls during the sign-in flood: ${r.count} ok, ${JSON.stringify(r.statuses)}, ${r.errors} errors — not a measurement`);
  const refused = f.statuses[429] ?? 0;
  const checked = f.statuses[401] ?? 0;
  const other = Object.entries(f.statuses).reduce((n, [s, c]) => n + (s === '401' || s === '429' ? 0 : c), 0);
  if (other || f.errors) throw new Error(`sign-in flood: answers ${JSON.stringify(f.statuses)}, ${f.errors} errors — expected only 401 (checked) and 429 (turned away)`);
  return {
    connections: spec.connections,
    seconds: spec.seconds,
    quiet: { p50Ms: round(quiet.p50Ms), p99Ms: round(quiet.p99Ms), rps: round(quiet.rps) },
    flooded: { p50Ms: round(flooded.p50Ms), p99Ms: round(flooded.p99Ms), rps: round(flooded.rps) },
    floodedOverQuiet: round(flooded.p50Ms / quiet.p50Ms),
    signIns: {
      checked,
      refused,
      checkedPerSecond: round(checked / f.durationS),
      checkedP50Ms: round(median(f.checkedMs)),
      checkedP99Ms: round(percentile(f.checkedMs, 99)),
    },
  };
}
