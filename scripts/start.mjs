#!/usr/bin/env node
/*
 * `npm start`: the production console. DEBUG is removed from its environment:
 * with DEBUG=* Next's own debug logging prints every request's headers,
 * session cookies included (docs/security.md, A24).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
delete env.DEBUG;
const next = path.join(import.meta.dirname, '..', 'node_modules', '.bin', 'next');
const child = spawn(next, ['start', '--hostname', env.HOSTNAME ?? '127.0.0.1', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
