import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ROOT, waitForHttp } from '../../scripts/stack';
import { signIn } from '../../scripts/session';
import { stack } from '../support/api';

/*
 * A deployment with no config file: `VONAGE_API_KEY` + `VONAGE_API_SECRET`
 * (here the simulator's Acme tenant) and nobody who may sign in. The server
 * prints a one-time link that makes the first admin; `npm run people --
 * invite` prints an invitation from a shell.
 */
const port = 43000 + Math.floor(Math.random() * 2000);
const url = `http://127.0.0.1:${port}`;
const dataDirs: string[] = [];
/** A deployment of its own for each test (a store of its own), so that each runs alone and in any order. */
function settings(): NodeJS.ProcessEnv {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'first-admin-'));
  dataDirs.push(dataDir);
  return {
    ...process.env,
    NODE_ENV: 'production' as const,
    CONSOLE_CONFIG: '',
    VONAGE_API_KEY: stack().secrets.acme.apiKey,
    VONAGE_API_SECRET: stack().secrets.acme.apiSecret,
    VONAGE_API_BASE_URL: stack().simulatorUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
    NEXTAUTH_URL: url,
    CONSOLE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
}
let env: NodeJS.ProcessEnv;
let running: ChildProcess | null = null;

/** `npm start` as a newcomer runs it; answers its output so far, as it grows. */
async function start(): Promise<{ output: () => string }> {
  let output = '';
  running = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  running.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  await waitForHttp(`${url}/api/ready`, running, 90_000);
  return { output: () => output };
}

async function stop() {
  const child = running;
  running = null;
  if (!child || child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

async function until<T>(check: () => T | undefined, what: string, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function accept(link: string, body: Record<string, string>) {
  const token = link.split('#')[1];
  return fetch(`${url}/api/invitations/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf': '1' },
    body: JSON.stringify({ token, name: 'Someone', password: 'a long enough passphrase', ...body }),
  });
}

afterEach(stop);
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** `npm run people -- …` from a shell, with this deployment's settings. */
const people = (...args: string[]) =>
  spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/people.ts', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });

// Each test starts a production console (twice in the first) and runs the people script: more than the default
// 30 s on a busy 2-core machine.
describe('the first admin, with no config file', { timeout: 120_000 }, () => {
  it('npm start with only VONAGE_* prints a one-time link; following it gives a working admin', async () => {
    env = settings();
    const server = await start();
    const link = await until(() => server.output().match(/FIRST_ADMIN_LINK (\S+)/)?.[1], 'the first-admin link');
    expect(link).toMatch(new RegExp(`^${url}/invite#[\\w-]{40,}$`));
    expect((await accept(link, { email: 'first@corp.test' })).status).toBe(201);
    expect((await accept(link, { email: 'second@corp.test' })).status).toBe(410);

    const cookie = await signIn(url, 'first@corp.test', 'a long enough passphrase');
    const workspaces = await fetch(`${url}/api/workspaces`, { headers: { cookie } });
    expect(await workspaces.json()).toEqual([{ id: 'default', name: 'Default' }]);
    const accounts = await fetch(`${url}/api/workspaces/default/accounts?pageSize=5`, { headers: { cookie } });
    expect(accounts.status).toBe(200);
    const listed = await fetch(`${url}/api/people`, { headers: { cookie } });
    expect((await listed.json()).people).toEqual([
      expect.objectContaining({ email: 'first@corp.test', role: 'admin', source: 'password' }),
    ]);
    await stop();

    // Started again with an admin in the store: no first-admin link.
    const again = await start();
    expect(await signIn(url, 'first@corp.test', 'a long enough passphrase')).toMatch(/^next-auth\.session-token=/);
    expect(again.output()).not.toContain('FIRST_ADMIN_LINK');
  });

  it('npm run people -- invite prints an invitation from a shell, and it works once the console runs', async () => {
    env = settings();
    const run = people('invite', 'Sue@Corp.test', 'support');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const link = run.stdout.match(/(http\S+\/invite#[\w-]+)/)?.[1];
    expect(run.stdout).toContain('Invitation for sue@corp.test as support, valid 72 hours, once');
    const usage = people('invite', 'x@corp.test', 'customer');
    expect([usage.status, usage.stderr.trim()]).toEqual([2, 'people: a customer role needs a workspace; staff roles take none']);

    await start();
    expect((await accept(link!, {})).status).toBe(201);
    expect(await signIn(url, 'sue@corp.test', 'a long enough passphrase')).toMatch(/^next-auth\.session-token=/);
  });
});
