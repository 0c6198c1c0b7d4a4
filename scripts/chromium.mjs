/*
 * Debian's chromium, for Playwright (`npm test`) and the bench (`npm run bench`):
 * where it is, the flags every run uses, and installing it when missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** No sandbox (containers), no GPU, and no network but loopback. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** True when chromium is there, installing it with apt-get first when running as root. */
export function ensureChromium(env = process.env) {
  if (existsSync(chromiumPath)) return true;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium (apt-get)…');
    const update = spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit' });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install && install.status === 0 && existsSync(chromiumPath)) return true;
  }
  console.error(
    `No chromium at ${chromiumPath}. Install it (as root: apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
  return false;
}
