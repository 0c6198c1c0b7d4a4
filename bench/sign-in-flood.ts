/**
 * Signed-in latency under a sign-in flood: the median of one signed-in person's API calls (one at a time)
 * while nothing else runs, and while `connections` clients post wrong passwords to next-auth's credentials
 * callback as fast as they are answered. Both in the same run, against the same console, in alternating windows.
 */
import autocannon from 'autocannon';
import { load, type LoadRequest, type LoadResult } from './load';
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
  /** Seconds of flood in all, split over `rounds` (each round: a quiet window, then a flooded one). */
  seconds: number;
  rounds: number;
}

async function csrf(consoleUrl: string): Promise<{ token: string; cookie: string }> {
  const res = await fetch(`${consoleUrl}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    token: csrfToken,
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}

/** Sign-in attempts as fast as they are answered; every answer's status and time kept. */
let n = 0;

async function flood(spec: FloodSpec, attempt: { cookie: string; body: string }, durationS: number) {
  const statuses: Record<number, number> = {};
  const checkedMs: number[] = [];
  const instance = autocannon({
    url: spec.consoleUrl,
    connections: spec.connections,
    duration: durationS,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: SIGN_IN,
        headers: { cookie: attempt.cookie, 'content-type': FORM },
        body: attempt.body,
        // A spray from many clients and emails (a botnet's): the per-client and per-email throttles (which would
        // answer most of one client's attempts with a cheap 429) let it through, so the CPU guard is what is measured.
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            headers: { ...req.headers, 'x-forwarded-for': `198.18.${(n >> 8) & 255}.${n & 255}` },
            body: attempt.body.replace(encodeURIComponent(spec.email), encodeURIComponent(spec.email.replace('@', `+${n}@`))),
          };
        },
      },
    ],
  });
  (instance as unknown as NodeJS.EventEmitter).on('response', (_c: unknown, status: number, _b: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== 429) checkedMs.push(ms);
  });
  const result = await instance;
  return { statuses, checkedMs, errors: result.errors + result.timeouts, durationS: result.duration };
}

/** One more attempt, answered only once every attempt queued before it has been: the flood is over inside too. */
async function drained(spec: FloodSpec, attempt: { cookie: string; body: string }) {
  for (let i = 0; i < 100; i++) {
    n += 1;
    const res = await fetch(spec.consoleUrl + SIGN_IN, {
      method: 'POST',
      headers: { cookie: attempt.cookie, 'content-type': FORM, 'x-forwarded-for': `198.19.${(n >> 8) & 255}.${n & 255}` },
      body: attempt.body.replace(encodeURIComponent(spec.email), encodeURIComponent(spec.email.replace('@', `+d${n}@`))),
    });
    await res.arrayBuffer();
    if (res.status !== 429) return;
  }
  throw new Error('the sign-in line never drained');
}

const SIGN_IN = '/api/auth/callback/credentials';
const FORM = 'application/x-www-form-urlencoded';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Rounds of a quiet window and a flooded window, so a drift in the machine's load (other work on it)
 * reaches both sides alike; the figure is the median of the per-round ratios.
 */
export async function signInFlood(spec: FloodSpec): Promise<SignInFlood> {
  const { token, cookie } = await csrf(spec.consoleUrl);
  const attempt = {
    cookie,
    body: new URLSearchParams({ csrfToken: token, email: spec.email, password: 'not the password', json: 'true' }).toString(),
  };
  const signedIn = async (seconds: number) => {
    const r = await load({
      origin: spec.consoleUrl,
      connections: 1,
      durationS: seconds,
      headers: { cookie: spec.cookie },
      requests: [spec.call],
    });
    if (r.non2xx || r.errors || r.count === 0)
      throw new Error(
        `signed-in calls beside the sign-in flood: ${r.count} ok, ${JSON.stringify(r.statuses)}, ${r.errors} errors — not a measurement`,
      );
    return r;
  };
  const window = spec.seconds / spec.rounds;
  const quiet: LoadResult[] = [];
  const flooded: LoadResult[] = [];
  const statuses: Record<number, number> = {};
  const checkedMs: number[] = [];
  let errors = 0;
  let floodSeconds = 0;
  for (let i = 0; i < spec.rounds; i++) {
    quiet.push(await signedIn(window));
    // The flood starts first and outlasts the window, so every signed-in call of it meets the flood.
    const flooding = flood(spec, attempt, window + 1);
    await sleep(500);
    flooded.push(await signedIn(window));
    const f = await flooding;
    await drained(spec, attempt);
    for (const [s, n] of Object.entries(f.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
    checkedMs.push(...f.checkedMs);
    errors += f.errors;
    floodSeconds += f.durationS;
  }
  const refused = statuses[429] ?? 0;
  const checked = statuses[401] ?? 0;
  if (checked + refused !== Object.values(statuses).reduce((a, b) => a + b, 0) || errors)
    throw new Error(
      `sign-in flood: answers ${JSON.stringify(statuses)}, ${errors} errors — expected only 401 (checked) and 429 (turned away)`,
    );
  checkedMs.sort((a, b) => a - b);
  const side = (rs: LoadResult[]) => ({
    p50Ms: round(median(rs.map((r) => r.p50Ms))),
    p99Ms: round(median(rs.map((r) => r.p99Ms))),
    rps: round(median(rs.map((r) => r.rps))),
  });
  return {
    connections: spec.connections,
    seconds: spec.seconds,
    rounds: spec.rounds,
    quiet: side(quiet),
    flooded: side(flooded),
    floodedOverQuiet: round(median(flooded.map((r, i) => r.p50Ms / quiet[i]!.p50Ms))),
    signIns: {
      checked,
      refused,
      checkedPerSecond: round(checked / floodSeconds),
      checkedP50Ms: round(median(checkedMs)),
      checkedP99Ms: round(percentile(checkedMs, 99)),
    },
  };
}
