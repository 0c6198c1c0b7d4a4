#!/usr/bin/env node
/*
 * The production console: Next.js behind the front door (scripts/front-door.mjs),
 * which refuses malformed requests before Next sees them. Started by
 * scripts/start.mjs (`npm start`), never directly.
 *
 * On SIGTERM or SIGINT it drains (docs/operations.md, "Stopping and upgrading"):
 * /api/ready answers 503 at once, the listening socket closes (a new connection
 * is refused, so a proxy tries another instance), connections still open may
 * send a request for a moment longer, every request finishes (10 s at most)
 * with `Connection: close`, then the store is closed and the process exits 0.
 */
import { createServer } from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { refusal, refuse } from './front-door.mjs';

process.env.NODE_ENV = 'production';
const { values } = parseArgs({
  options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } },
  allowPositionals: true,
});
const hostname = values.hostname ?? process.env.HOSTNAME ?? '127.0.0.1';
const port = Number(values.port ?? process.env.PORT ?? 3000);
const dir = path.resolve(import.meta.dirname, '..');

const { default: next } = await import('next');
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
const started = Date.now();

let stopping = false;
const server = createServer((req, res) => {
  // A request that arrives on a kept-alive connection while draining is served, and that connection then closes.
  if (stopping) res.setHeader('connection', 'close');
  const why = refusal(req.method ?? '', req.url ?? '');
  if (why) return refuse(req, res, why);
  // The client's address as the socket says, for the activity log; a client cannot send its own.
  req.headers['x-console-client-ip'] = req.socket.remoteAddress ?? '';
  void handle(req, res);
});
// A client cannot keep a socket open for ever before it sends its headers.
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;

await app.prepare();
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(port, hostname, resolve);
});
console.log(`Console ready at http://${hostname}:${port} in ${Date.now() - started} ms`);

const DRAIN_MS = 10_000;
/**
 * How long a connection that is open but idle when SIGTERM comes may still send a request (served, then closed).
 * Node's own server.close() would close such connections at once, and a client whose request was already on its
 * way (a connection just accepted, or a kept-alive one) would see it reset without knowing whether it was served.
 */
const IDLE_GRACE_MS = 500;

/** The store that lib/db/client.ts opened in this process (its globalThis slot), closed once no request needs it. */
async function closeStore() {
  try {
    const store = await globalThis.consoleStore;
    await store?.close();
  } catch (e) {
    console.error(`closing the store failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  // Read by lib/lifecycle.ts: /api/ready answers 503 from now on.
  globalThis.consoleStopping = true;
  console.log(`${signal}: finishing the requests in flight, then stopping`);
  const started = Date.now();
  let exiting = false;
  const exit = async (drained) => {
    if (exiting) return;
    exiting = true;
    if (!drained) server.closeAllConnections();
    await closeStore();
    console.log(`Stopped after ${Date.now() - started} ms${drained ? '' : ' (requests still running after 10 s were cut)'}`);
    process.exit(0);
  };
  setTimeout(() => void exit(false), DRAIN_MS).unref();
  // The listening socket only (net's close, not http's, which would also drop idle connections at once).
  net.Server.prototype.close.call(server, () => void exit(true));
  setTimeout(() => server.closeIdleConnections(), IDLE_GRACE_MS).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
