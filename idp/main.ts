/**
 * CLI: npx tsx idp/main.ts --port 4011 --host 127.0.0.1 --clients FILE [--data-dir DIR] [--quiet]
 * Prints `IDP_READY <issuer>` once listening (idp/README.md).
 */
import { parseArgs } from 'node:util';
import { startIdp } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      clients: { type: 'string' },
      'data-dir': { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port ?? process.env.IDP_PORT ?? 4011);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  if (!values.clients) throw new Error('--clients is required: a JSON file {"clients": [{clientId, clientSecret, redirectUris}]}');
  const idp = await startIdp({ port, host: values.host ?? '127.0.0.1', clientsFile: values.clients, dataDir: values['data-dir'] });
  process.stdout.write(`IDP_READY ${idp.url}\n`);
  const stop = () => void idp.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`[idp] ${(err as Error).message}\n`);
  process.exit(1);
});
