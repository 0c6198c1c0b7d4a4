/** The CLI: starts as a child process, prints the READY line, serves, and stops cleanly on SIGTERM. */
import { afterAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ACME, basic, call, EA, makeTenants, tempDir } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

it('runs simulator/main.ts, answers, and exits 0 on SIGTERM with state.json written', async () => {
  const dir = tempDir();
  const tenantsFile = path.join(dir, 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify((await makeTenants()).tenants));
  const dataDir = path.join(dir, 'data');
  child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['simulator/main.ts', '--port', '0', '--data-dir', dataDir, '--tenants', tenantsFile],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY line; stderr: ${stderr}`)), 15_000);
    child!.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /^SIMULATOR_READY (http:\/\/127\.0\.0\.1:\d+)\n/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child!.once('exit', (code) => reject(new Error(`exited early with ${code}; stderr: ${stderr}`)));
  });
  const res = await call(url, 'GET', EA, { auth: basic(ACME) });
  expect(res.status).toBe(200);
  const exit = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
  expect(existsSync(path.join(dataDir, 'state.json'))).toBe(true);
  expect(stdout.trim().split('\n')).toHaveLength(1);
  expect(stderr).toContain(`GET ${EA} 200`);
  expect(stderr).not.toContain(ACME.apiSecret);
  expect(stderr).not.toContain('Basic ');
}, 30_000);
