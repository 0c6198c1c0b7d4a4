#!/usr/bin/env node
/*
 * The production console: Next.js behind the front door (scripts/front-door.mjs),
 * which refuses malformed requests before Next sees them. Started by
 * scripts/start.mjs (`npm start`), never directly.
 *
 * On SIGTERM or SIGINT it stops taking connections, lets the requests in flight
 * finish (10 s at most), then exits.
 */
import { createServer } from 'node:http';
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

const server = createServer((req, res) => {
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

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing the requests in flight, then stopping`);
  const force = setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 10_000);
  force.unref();
  server.close(() => process.exit(0));
  server.closeIdleConnections();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
