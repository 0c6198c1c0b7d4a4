/**
 * CLI: npx tsx simulator/main.ts --port 4010 --host 127.0.0.1 --data-dir DIR --tenants FILE [--quiet]
 * Env fallbacks: SIMULATOR_PORT, SIMULATOR_DATA_DIR, SIMULATOR_TENANTS. Prints `SIMULATOR_READY <url>` once listening.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      tenants: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port ?? process.env.SIMULATOR_PORT ?? 4010);
  const dataDir = values['data-dir'] ?? process.env.SIMULATOR_DATA_DIR;
  const tenantsFile = values.tenants ?? process.env.SIMULATOR_TENANTS;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  if (!dataDir) throw new Error('--data-dir (or SIMULATOR_DATA_DIR) is required');
  if (!tenantsFile) throw new Error('--tenants (or SIMULATOR_TENANTS) is required');

  const sim = await startSimulator({ port, host: values.host ?? '127.0.0.1', dataDir, tenantsFile, quiet: values.quiet });
  process.stdout.write(`SIMULATOR_READY ${sim.url}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!values.quiet) process.stderr.write(`[simulator] ${signal}: flushing state and stopping\n`);
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`[simulator] error while stopping: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`[simulator] ${(err as Error).message}\n`);
  process.exit(1);
});
