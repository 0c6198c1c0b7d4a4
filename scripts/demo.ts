/*
 * `npm run demo`: the console on the built-in Vonage API simulator, with no
 * Vonage account and no network, and the demo OpenID Connect provider as
 * "Demo SSO". PORT, SIMULATOR_PORT, IDP_PORT and CONSOLE_DATA_DIR move it;
 * Ctrl-C stops the three servers.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureBuild, prepareDemo, ROOT, startConsoleProcess, startIdpProcess, startSimulatorProcess } from './stack';

const port = Number(process.env.PORT ?? 3000);
const simulatorPort = Number(process.env.SIMULATOR_PORT ?? 4010);
const idpPort = Number(process.env.IDP_PORT ?? 4011);
const dataDir = path.resolve(ROOT, process.env.CONSOLE_DATA_DIR ?? '.data/demo');

async function main() {
  await ensureBuild();
  const files = await prepareDemo(dataDir, {
    simulatorUrl: `http://127.0.0.1:${simulatorPort}`,
    consoleUrl: `http://127.0.0.1:${port}`,
    idpUrl: `http://127.0.0.1:${idpPort}`,
  });
  const simulator = await startSimulatorProcess({
    port: simulatorPort,
    dataDir,
    tenantsFile: files.tenantsFile,
    quiet: process.env.SIMULATOR_QUIET === '1',
  });
  const idp = await startIdpProcess({
    port: idpPort,
    dataDir,
    clientsFile: files.idpClientsFile as string,
    quiet: process.env.SIMULATOR_QUIET === '1',
  });
  const children: ChildProcess[] = [simulator.child, idp.child];
  const stop = () => {
    for (const c of children) c.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const console_ = await startConsoleProcess({ port, files, inheritOutput: true });
  children.push(console_.child);
  for (const c of children)
    c.on('exit', (code) => {
      if (code !== 0 && code !== null) stop();
    });
  process.stdout.write(
    `\nExternal Accounts Console (demo mode) at ${console_.url}\n` +
      `Vonage API simulator at ${simulator.url}; data in ${dataDir}\n` +
      `Demo SSO (OpenID Connect) at ${idp.url}: sso-support@demo.test (support) or sso-outsider@demo.test (refused)\n` +
      'Sign in as admin@demo.test, support@demo.test, viewer@demo.test, owner@acme.test or owner@globex.test, password "demo". Ctrl-C stops.\n\n',
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
