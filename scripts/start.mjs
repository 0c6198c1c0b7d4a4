#!/usr/bin/env node
/*
 * `npm start`: the production console. DEBUG is removed from its environment:
 * with DEBUG=* Next's own debug logging prints every request's headers,
 * session cookies included (docs/security.md, A24).
 *
 * Next runs behind the front door of scripts/server.mjs, which refuses
 * malformed requests before Next sees them (docs/security.md, A33).
 *
 * The V8 heap is capped (CONSOLE_MAX_HEAP_MB, default 192): on a machine with
 * plenty of memory V8 otherwise lets garbage pile up to gigabytes under load
 * before it collects (docs/performance.md).
 *
 * CONSOLE_NODE_ARGS adds options to the server's node command line that NODE_OPTIONS may not carry, such as
 * `--cpu-prof --cpu-prof-dir=.data/prof` (the profile is written when the server stops on SIGTERM).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete env.DEBUG;
const heapMB = Number(env.CONSOLE_MAX_HEAP_MB ?? 192);
if (Number.isInteger(heapMB) && heapMB > 0 && !/--max-old-space-size/.test(env.NODE_OPTIONS ?? ''))
  env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapMB}`.trim();
// Next behind the console's front door (scripts/server.mjs), not `next start`: see scripts/front-door.mjs.
const server = path.join(import.meta.dirname, 'server.mjs');
const nodeArgs = (env.CONSOLE_NODE_ARGS ?? '').split(' ').filter(Boolean);
delete env.CONSOLE_NODE_ARGS;
const child = spawn(process.execPath, [...nodeArgs, server, '--hostname', env.HOSTNAME ?? '127.0.0.1', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
