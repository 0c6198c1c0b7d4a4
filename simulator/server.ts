/** Starts the Vonage API simulator (External Accounts API + Application API list/read) on node:http. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TenantsFile } from './types';
import { Store } from './store';
import { Faults } from './faults';
import { RequestLog } from './request-log';
import { TenantRegistry } from './tenants';
import { handleApi, type ApiDeps } from './dispatch';
import { handleControl } from './control';
import { sendJson } from './http-util';

export type { TenantsFile } from './types';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  dataDir: string;
  tenantsFile?: string;
  tenants?: TenantsFile;
  quiet?: boolean;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.dataDir);
  const registry = new TenantRegistry(opts.tenantsFile, opts.tenants, (t) => store.sync(t));
  store.init(registry.tenants);
  let url = '';
  const deps: ApiDeps = { store, faults: new Faults(), log: new RequestLog(), registry, baseUrl: () => url };

  const server = createServer((req, res) => {
    const started = Date.now();
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const path = q < 0 ? raw : raw.slice(0, q);
    const query = q < 0 ? '' : raw.slice(q + 1);
    if (!opts.quiet) {
      // Method, path and status only: never headers (Authorization), query strings or bodies.
      res.on('finish', () => process.stderr.write(`[simulator] ${req.method} ${path} ${res.statusCode} ${Date.now() - started}ms\n`));
    }
    const work =
      path === '/_sim' || path.startsWith('/_sim/') ? handleControl(req, res, deps, path) : handleApi(req, res, deps, path, query);
    work.catch((err: unknown) => {
      process.stderr.write(`[simulator] internal error: ${(err as Error).message}\n`);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal simulator error' });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // Links use the simulator's own base; a wildcard listen address is reached through loopback.
  const linkHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `http://${linkHost}:${port}`;

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung (fault-injected) and keep-alive connections would otherwise keep close() waiting forever.
        server.closeAllConnections();
      });
      await store.flush();
    })();
    return closing;
  };
  return { url, port, close };
}
