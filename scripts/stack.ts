/*
 * Starting the demo stack: generated demo config and keys, the simulator and
 * the console as child processes. Used by `npm run demo`, the integration
 * tests and Playwright, so all three run the same thing.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPassword } from '../lib/auth/password';

export const ROOT = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

interface DemoSecrets {
  nextauthSecret: string;
  acme: { apiKey: string; apiSecret: string; applicationId: string };
  globex: { apiKey: string; apiSecret: string };
  initech: { apiKey: string; apiSecret: string };
  passwordHashes: Record<string, string>;
  /** The console's client secrets at the demo identity provider (idp/), one per demo SSO provider. */
  sso: Record<string, string>;
}

export const DEMO_USERS = [
  { email: 'admin@demo.test', name: 'Ari Admin', role: 'admin' },
  { email: 'support@demo.test', name: 'Sam Support', role: 'support' },
  { email: 'viewer@demo.test', name: 'Vic Viewer', role: 'viewer' },
  { email: 'owner@acme.test', name: 'Ada (Acme)', role: 'customer', workspace: 'acme' },
  { email: 'owner@globex.test', name: 'Gus (Globex)', role: 'customer', workspace: 'globex' },
] as const;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * The demo's single sign-on providers, both at the demo identity provider
 * (idp/README.md): "Demo SSO" maps the group support-staff to support;
 * "Demo SSO (MFA)" does the same but requires a second factor in `amr`.
 */
export const DEMO_SSO = [
  { id: 'demo-sso', name: 'Demo SSO', clientId: 'external-accounts-console', requireMfa: false },
  { id: 'demo-sso-mfa', name: 'Demo SSO (MFA)', clientId: 'external-accounts-console-mfa', requireMfa: true },
] as const;
const ssoSecrets = () => Object.fromEntries(DEMO_SSO.map((p) => [p.id, randomBytes(24).toString('base64url')]));

/** Makes the demo's secrets and key pair once per data folder; never committed (the folder is gitignored). */
async function ensureSecrets(dataDir: string): Promise<DemoSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const kept = JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
    // A data folder made before a workspace, a demo user or the demo SSO existed gets their secrets now; the rest is kept.
    const missing = DEMO_USERS.filter((u) => !kept.passwordHashes[u.email]);
    if (kept.initech && kept.sso && missing.length === 0) return kept;
    const passwordHashes = { ...kept.passwordHashes };
    for (const u of missing) passwordHashes[u.email] = await hashPassword('demo');
    const upgraded: DemoSecrets = {
      ...kept,
      initech: kept.initech ?? { apiKey: hex(4), apiSecret: hex(8) },
      sso: kept.sso ?? ssoSecrets(),
      passwordHashes,
    };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  writeFileSync(path.join(dataDir, 'acme-private.pem'), privateKey, { mode: 0o600 });
  writeFileSync(path.join(dataDir, 'acme-public.pem'), publicKey);
  const passwordHashes: Record<string, string> = {};
  for (const u of DEMO_USERS) passwordHashes[u.email] = await hashPassword('demo');
  const secrets: DemoSecrets = {
    nextauthSecret: randomBytes(32).toString('base64url'),
    acme: { apiKey: hex(4), apiSecret: hex(8), applicationId: randomUUID() },
    globex: { apiKey: hex(4), apiSecret: hex(8) },
    initech: { apiKey: hex(4), apiSecret: hex(8) },
    passwordHashes,
    sso: ssoSecrets(),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export interface DemoFiles {
  configFile: string;
  tenantsFile: string;
  /** The demo identity provider's clients (idp/main.ts --clients), when the demo has single sign-on. */
  idpClientsFile?: string | null;
  nextauthSecret: string;
}

export interface DemoUrls {
  simulatorUrl: string;
  /** The console's origin (NEXTAUTH_URL): the identity provider sends people back to it. */
  consoleUrl: string;
  /** The demo identity provider's issuer; without it the config has no single sign-on. */
  idpUrl?: string;
  /** More `sso` entries for the console config (the SSO tests' impostor provider). */
  extraSso?: Record<string, unknown>[];
}

/** Writes the console config, the simulator's tenants file and the identity provider's clients for this run's ports. */
export async function prepareDemo(dataDir: string, urls: DemoUrls): Promise<DemoFiles> {
  const { simulatorUrl, consoleUrl, idpUrl } = urls;
  const s = await ensureSecrets(dataDir);
  const idpClientsFile = idpUrl ? path.join(dataDir, 'idp-clients.json') : null;
  if (idpClientsFile)
    writeFileSync(
      idpClientsFile,
      JSON.stringify(
        {
          clients: DEMO_SSO.map((p) => ({
            clientId: p.clientId,
            clientSecret: s.sso[p.id],
            redirectUris: [`${consoleUrl}/api/auth/callback/${p.id}`],
          })),
        },
        null,
        2,
      ),
      { mode: 0o600 },
    );
  const sso = [
    ...(idpUrl
      ? DEMO_SSO.map((p) => ({
          id: p.id,
          name: p.name,
          issuer: idpUrl,
          clientId: p.clientId,
          clientSecret: s.sso[p.id],
          map: [{ group: 'support-staff', role: 'support' }],
          requireMfa: p.requireMfa,
        }))
      : []),
    ...(urls.extraSso ?? []),
  ];
  const tenantsFile = path.join(dataDir, 'tenants.json');
  writeFileSync(
    tenantsFile,
    JSON.stringify(
      {
        tenants: [
          {
            apiKey: s.acme.apiKey,
            apiSecret: s.acme.apiSecret,
            name: 'Acme Corp',
            seed: 'acme',
            jwtApplications: [
              { id: s.acme.applicationId, name: 'Acme Console', publicKey: readFileSync(path.join(dataDir, 'acme-public.pem'), 'utf8') },
            ],
          },
          { apiKey: s.globex.apiKey, apiSecret: s.globex.apiSecret, name: 'Globex', seed: 'globex', jwtApplications: [] },
          // No accounts and no applications: the demo's empty states.
          { apiKey: s.initech.apiKey, apiSecret: s.initech.apiSecret, name: 'Initech', seed: 'empty', jwtApplications: [] },
        ],
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  const configFile = path.join(dataDir, 'console.json');
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        demo: true,
        workspaces: [
          // Acme calls External Accounts with a JWT, Globex with Basic: the demo shows both.
          {
            id: 'acme',
            name: 'Acme Corp',
            apiKey: s.acme.apiKey,
            apiSecret: s.acme.apiSecret,
            applicationId: s.acme.applicationId,
            privateKey: { file: 'acme-private.pem' },
            baseUrl: simulatorUrl,
          },
          { id: 'globex', name: 'Globex', apiKey: s.globex.apiKey, apiSecret: s.globex.apiSecret, baseUrl: simulatorUrl },
          { id: 'initech', name: 'Initech', apiKey: s.initech.apiKey, apiSecret: s.initech.apiSecret, baseUrl: simulatorUrl },
        ],
        users: DEMO_USERS.map((u) => ({ ...u, passwordHash: s.passwordHashes[u.email] })),
        sso,
      },
      null,
      2,
    ),
    { mode: 0o600 },
  );
  return { configFile, tenantsFile, idpClientsFile, nextauthSecret: s.nextauthSecret };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the console for production unless a build newer than every source file is there. */
export async function ensureBuild(): Promise<void> {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  const sources = ['app', 'lib', 'components', 'proxy.ts', 'instrumentation.ts', 'next.config.js', 'package.json']
    .map((p) => path.join(ROOT, p))
    .filter(existsSync)
    .map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...sources)) return;
  console.log('Building the console (next build)…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(bin('next'), ['build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build failed (${code})`))));
  });
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const m = buffer.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready`));
    });
  });
}

export async function startSimulatorProcess(opts: { port: number; dataDir: string; tenantsFile: string; quiet?: boolean }) {
  const child = spawn(
    bin('tsx'),
    [
      'simulator/main.ts',
      '--port',
      String(opts.port),
      '--host',
      '127.0.0.1',
      '--data-dir',
      path.join(opts.dataDir, 'simulator'),
      '--tenants',
      opts.tenantsFile,
      ...(opts.quiet ? ['--quiet'] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'inherit'] },
  );
  const m = await waitForLine(child, /SIMULATOR_READY (http:\/\/\S+)/, 'The simulator');
  return { child, url: m[1] as string };
}

/** The demo OpenID Connect provider (idp/main.ts), as "Demo SSO". */
export async function startIdpProcess(opts: { port: number; dataDir: string; clientsFile: string; quiet?: boolean }) {
  const child = spawn(
    bin('tsx'),
    [
      'idp/main.ts',
      '--port',
      String(opts.port),
      '--host',
      '127.0.0.1',
      '--clients',
      opts.clientsFile,
      '--data-dir',
      path.join(opts.dataDir, 'idp'),
    ],
    // oidc-provider's start-up warnings (Node 20, in-memory state) are expected here: idp/README.md.
    { cwd: ROOT, stdio: ['ignore', 'pipe', opts.quiet ? 'ignore' : 'inherit'] },
  );
  const m = await waitForLine(child, /IDP_READY (http:\/\/\S+)/, 'The demo identity provider');
  child.stdout?.resume();
  return { child, url: m[1] as string };
}

/** The production console through scripts/start.mjs (`npm start`), with the demo's config and no VONAGE_* variables. */
export function spawnConsole(
  port: number,
  files: DemoFiles,
  extraEnv: Record<string, string> = {},
  stdio: StdioOptions = 'ignore',
): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    CONSOLE_CONFIG: files.configFile,
    // The console's own store (embedded PGlite) sits beside the demo's config, unless DATABASE_URL names a server.
    CONSOLE_DATA_DIR: path.dirname(files.configFile),
    NEXTAUTH_SECRET: files.nextauthSecret,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    ...extraEnv,
  };
  // Demo mode never reaches real Vonage credentials: drop any from the environment.
  for (const k of Object.keys(env)) if (k.startsWith('VONAGE_')) delete env[k];
  // scripts/start.mjs is `npm start`: the same launcher, so DEBUG is dropped in one place.
  return spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', String(port)], { cwd: ROOT, stdio, env });
}

export async function startConsoleProcess(opts: {
  port: number;
  files: DemoFiles;
  env?: Record<string, string>;
  inheritOutput?: boolean;
  /** Where the console's stdout and stderr go instead (tests search it for secrets). */
  logFile?: string;
}) {
  const child = spawnConsole(
    opts.port,
    opts.files,
    opts.env,
    opts.logFile
      ? ['ignore', openSync(opts.logFile, 'a'), openSync(opts.logFile, 'a')]
      : ['ignore', opts.inheritOutput ? 'inherit' : 'pipe', 'inherit'],
  );
  if (!opts.inheritOutput && !opts.logFile) child.stdout?.resume();
  await waitForHttp(`http://127.0.0.1:${opts.port}/api/health`, child);
  return { child, url: `http://127.0.0.1:${opts.port}` };
}

export async function waitForHttp(url: string, child?: ChildProcess, timeoutMs = 60_000, intervalMs = 200): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exited = false;
  child?.on('exit', () => (exited = true));
  while (Date.now() < until) {
    if (exited) throw new Error(`${url}: the server exited before it answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
