import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBuild, prepareDemo, ROOT, startConsoleProcess, startIdpProcess, startSimulatorProcess } from '../../scripts/stack';
import { signIn } from '../../scripts/session';
import { IMPOSTOR_SSO } from './sso';

export interface Stack {
  consoleUrl: string;
  simulatorUrl: string;
  /** The demo identity provider (idp/), as "Demo SSO" and "Demo SSO (MFA)". */
  idpUrl: string;
  /** A port no one listens on yet: the SSO tests start their impostor identity provider there (provider `impostor`). */
  impostorPort: number;
  cookies: Record<'admin' | 'support' | 'viewer' | 'acme' | 'globex', string>;
  /** The demo's credentials, so tests can call the simulator straight and search answers for leaks. */
  secrets: {
    acme: { apiKey: string; apiSecret: string };
    globex: { apiKey: string; apiSecret: string };
    nextauthSecret: string;
    /** The console's client secrets at the demo identity provider, by provider id. */
    sso: Record<string, string>;
  };
  /** The stack's data folder: config, keys, the simulator's state, and console.log. */
  dataDir: string;
  /** The console's METRICS_TOKEN: /api/metrics answers a scraper that sends it. */
  metricsToken: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Stack;
  }
}

/** Sends SIGTERM and waits for the exit, at most 10 s. */
function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** One simulator, the demo identity provider and one production console on free ports, with a fresh data folder, signed in once per role. */
export default async function setup(project: TestProject) {
  const dataDir = path.join(ROOT, '.data', `integration-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  await ensureBuild();
  const simPort = 20000 + Math.floor(Math.random() * 20000);
  const consolePort = simPort + 1;
  const [idpPort, impostorPort] = [simPort + 2, simPort + 3];
  const files = await prepareDemo(dataDir, {
    simulatorUrl: `http://127.0.0.1:${simPort}`,
    consoleUrl: `http://127.0.0.1:${consolePort}`,
    idpUrl: `http://127.0.0.1:${idpPort}`,
    extraSso: [IMPOSTOR_SSO(impostorPort)],
  });
  // As behind one proxy: tests name their client address in X-Forwarded-For (sign-in throttling per client, A30);
  // requests without one count as the socket's. And the flood's own person (attacks.test.ts' rate-limit console): a second viewer with the demo password.
  const config = JSON.parse(readFileSync(files.configFile, 'utf8')) as { users: { email: string; name?: string }[] };
  const viewer = config.users.find((u) => u.email === 'viewer@demo.test');
  if (!viewer) throw new Error('the demo config has no viewer@demo.test');
  config.users.push({ ...viewer, email: 'flood@demo.test', name: 'Fay Flood' });
  writeFileSync(files.configFile, JSON.stringify({ ...config, trustProxy: 1 }, null, 2), { mode: 0o600 });
  const metricsToken = randomBytes(24).toString('base64url');
  const simulator = await startSimulatorProcess({ port: simPort, dataDir, tenantsFile: files.tenantsFile, quiet: true });
  const idp = await startIdpProcess({ port: idpPort, dataDir, clientsFile: files.idpClientsFile as string, quiet: true });
  const consoleProc = await startConsoleProcess({
    port: consolePort,
    files,
    // DEBUG=* and debug-level logs: the log must stay free of secrets even then (A24).
    env: {
      // The index is read when a test asks (Refresh now), never behind another test's back.
      INDEX_REREAD_MINUTES: '0',
      UPSTREAM_TIMEOUT_MS: '1500',
      RATE_LIMIT_PER_SECOND: '50',
      BREAKER_OPEN_MS: '1500',
      METRICS_TOKEN: metricsToken,
      LOG_LEVEL: 'debug',
      DEBUG: '*',
    },
    logFile: path.join(dataDir, 'console.log'),
  });
  const secrets = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Stack['secrets'];
  const url = consoleProc.url;
  project.provide('stack', {
    consoleUrl: url,
    simulatorUrl: simulator.url,
    idpUrl: idp.url,
    impostorPort,
    cookies: {
      admin: await signIn(url, 'admin@demo.test'),
      support: await signIn(url, 'support@demo.test'),
      viewer: await signIn(url, 'viewer@demo.test'),
      acme: await signIn(url, 'owner@acme.test'),
      globex: await signIn(url, 'owner@globex.test'),
    },
    secrets,
    dataDir,
    metricsToken,
  });
  return async () => {
    // All gone (state written, store closed) before their folder is removed.
    await Promise.all([stopped(consoleProc.child), stopped(simulator.child), stopped(idp.child)]);
    // KEEP_TEST_DATA=1 keeps the folder (config, simulator state, console.log) to look at a failure.
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
}
