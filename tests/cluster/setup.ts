import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureNginx, startNginx } from '../../scripts/nginx.mjs';
import {
  ensureBuild,
  prepareDemo,
  ROOT,
  startConsoleProcess,
  startSimulatorProcess,
  waitForHttp,
  type DemoFiles,
} from '../../scripts/stack';
import { freshPostgresDatabase, postgresUnavailable } from '../support/databases';

export interface Instance {
  url: string;
  /** The launcher's pid (scripts/start.mjs, `npm start`): SIGTERM goes here, as a supervisor sends it. */
  launcherPid: number;
  /** Where this instance's log goes. */
  logFile: string;
}

export interface Cluster {
  /** nginx in front of both instances (ops/nginx.conf): the origin people use (NEXTAUTH_URL). */
  proxyUrl: string;
  instances: [Instance, Instance];
  simulatorUrl: string;
  /** The one PostgreSQL database both instances share. */
  databaseUrl: string;
  dataDir: string;
  metricsToken: string;
  /** What a further instance needs to join: the demo files and the instances' environment. */
  files: DemoFiles;
  consoleEnv: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: Cluster | null;
    /** Why the cluster tests cannot run here (no PostgreSQL server, no nginx), or null. */
    clusterSkipped: string | null;
  }
}

function stopped(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 12_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

/**
 * Two production consoles (scripts/start.mjs, one `next build`) sharing one
 * PostgreSQL database, behind nginx with ops/nginx.conf, the simulator as
 * their upstream. Skipped, with the reason, when no PostgreSQL server answers
 * or nginx is missing and cannot be installed.
 */
export default async function setup(project: TestProject) {
  const skipped = postgresUnavailable ? `no PostgreSQL server answers (${postgresUnavailable})` : ensureNginx();
  if (skipped) {
    console.warn(`Cluster tests skipped: ${skipped}`);
    project.provide('cluster', null);
    project.provide('clusterSkipped', skipped);
    return;
  }
  const dataDir = path.join(ROOT, '.data', `cluster-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const [database] = await Promise.all([freshPostgresDatabase(), ensureBuild()]);
  const base = 20000 + Math.floor(Math.random() * 20000);
  const [simPort, proxyPort, portA, portB] = [base, base + 1, base + 2, base + 3];
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const files = await prepareDemo(dataDir, { simulatorUrl: `http://127.0.0.1:${simPort}`, consoleUrl: proxyUrl });
  // nginx appends the client's address to X-Forwarded-For: one trusted hop.
  const config = JSON.parse(readFileSync(files.configFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(files.configFile, JSON.stringify({ ...config, trustProxy: 1 }, null, 2), { mode: 0o600 });
  const metricsToken = randomBytes(24).toString('base64url');
  const consoleEnv = {
    DATABASE_URL: database.url,
    METRICS_TOKEN: metricsToken,
    NEXTAUTH_URL: proxyUrl,
    // The index is read when a test asks, never behind its back.
    INDEX_REREAD_MINUTES: '0',
    // The steady load is one person's: the per-person limit (per instance) is not what these tests measure.
    RATE_LIMIT_PER_SECOND: '1000',
    LOG_LEVEL: 'warn',
  };
  const children: ChildProcess[] = [];
  const teardown = async () => {
    await Promise.all(children.reverse().map((c) => stopped(c)));
    await database.drop().catch((e: unknown) => console.warn(`dropping the cluster database failed: ${String(e)}`));
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const simulator = await startSimulatorProcess({ port: simPort, dataDir, tenantsFile: files.tenantsFile, quiet: true });
    children.push(simulator.child);
    const instances = await Promise.all(
      [portA, portB].map(async (port, i) => {
        const logFile = path.join(dataDir, `console-${'ab'[i]}.log`);
        const c = await startConsoleProcess({ port, files, env: consoleEnv, logFile });
        children.push(c.child);
        // Ready: the store answers with its migrations applied (both instances ran them, one after the other).
        await waitForHttp(`${c.url}/api/ready`, c.child);
        return { url: c.url, launcherPid: c.child.pid as number, logFile };
      }),
    );
    const nginx = await startNginx({
      prefix: path.join(dataDir, 'nginx'),
      listen: `127.0.0.1:${proxyPort}`,
      instances: [`127.0.0.1:${portA}`, `127.0.0.1:${portB}`],
    });
    children.push(nginx);
    project.provide('clusterSkipped', null);
    project.provide('cluster', {
      proxyUrl,
      instances: instances as [Instance, Instance],
      simulatorUrl: simulator.url,
      databaseUrl: database.url,
      dataDir,
      metricsToken,
      files,
      consoleEnv,
    });
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
