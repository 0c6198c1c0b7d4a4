/*
 * Debian's nginx for `npm run test:cluster`: where it is, installing it when
 * missing (as scripts/chromium.mjs does chromium), and running it as a plain
 * child process with its own prefix, config, pid and logs in a folder of the
 * test's (no system service, no root needed to run it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const nginxPath = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const nginxTemplate = path.resolve(import.meta.dirname, '..', 'ops', 'nginx.conf');

/** Null when nginx is there (installing it with apt-get first when running as root), else why not. */
export function ensureNginx(env = process.env) {
  if (existsSync(nginxPath)) return null;
  if (!process.env.NGINX_PATH && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian nginx (apt-get)…');
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env: aptEnv });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-q', 'nginx'], { stdio: 'inherit', env: aptEnv });
    if (install && install.status === 0 && existsSync(nginxPath)) return null;
  }
  return `no nginx at ${nginxPath}: install it (as root: apt-get install -y nginx) or set NGINX_PATH`;
}

/** ops/nginx.conf with its placeholders filled in. */
export function renderNginxConfig({ prefix, listen, instances }) {
  const [a, b] = instances;
  const values = { PREFIX: prefix, LISTEN: listen, INSTANCE_A: a, INSTANCE_B: b };
  return readFileSync(nginxTemplate, 'utf8').replace(/\{\{([A-Z_]+)\}\}/g, (_, key) => {
    if (!(key in values)) throw new Error(`ops/nginx.conf: unknown placeholder ${key}`);
    return values[key];
  });
}

/** Starts nginx in the foreground with the rendered config in `prefix`; resolves once it answers on `listen`. */
export async function startNginx({ prefix, listen, instances, timeoutMs = 15_000 }) {
  mkdirSync(prefix, { recursive: true });
  const conf = path.join(prefix, 'nginx.conf');
  writeFileSync(conf, renderNginxConfig({ prefix, listen, instances }));
  // -e: the error log before the config is read (Debian's default, /var/log/nginx, may not be writable).
  const args = ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log'), '-g', 'daemon off;'];
  const test = spawnSync(nginxPath, ['-t', ...args], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx refused ${conf}: ${test.stderr}`);
  const child = spawn(nginxPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`);
    try {
      await fetch(`http://${listen}/api/health`);
      return child;
    } catch {
      if (Date.now() > until) throw new Error(`nginx did not answer on ${listen} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
