import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseEnv, type Env } from '@/lib/env';
import type { Role } from '@/lib/schemas/roles';
import { configFileSchema, type SecretRef, type SsoProviderConfig } from './schema';

export interface Workspace {
  id: string;
  name: string;
  apiKey: string;
  apiSecret: string;
  jwt: { applicationId: string; privateKey: string } | null;
  baseUrl: string;
}

export interface User {
  email: string;
  name: string;
  role: Role;
  workspace: string | null;
  /** Null for a person who signs in through single sign-on only. */
  passwordHash: string | null;
  /** Where the person comes from: the config file (not editable in the console), an invitation, or a single sign-on provider. */
  source: 'config' | 'password' | `sso:${string}`;
}

interface Config {
  demo: boolean;
  activity: { retainDays: number };
  session: { idleMinutes: number; maxHours: number };
  trustProxy: number;
  workspaces: ReadonlyMap<string, Workspace>;
  users: ReadonlyMap<string, User>;
  sso: readonly SsoProvider[];
}

class ConfigError extends Error {
  override name = 'ConfigError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function where(issuePath: PropertyKey[]): string {
  return issuePath.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');
}

function resolveSecret(ref: SecretRef, field: string, baseDir: string, env: Record<string, string | undefined>): string {
  if (typeof ref === 'string') return ref;
  if ('env' in ref) {
    const value = env[ref.env];
    if (!value) throw new ConfigError(`${field}: environment variable ${ref.env} is not set`);
    return value;
  }
  try {
    return readFileSync(path.resolve(baseDir, ref.file), 'utf8').trim();
  } catch {
    throw new ConfigError(`${field}: cannot read file ${ref.file}`);
  }
}

/** The `VONAGE_*` shortcut: one account becomes the workspace `default`. */
function workspaceFromEnv(env: Env): Record<string, unknown> | null {
  if (!env.VONAGE_API_KEY) return null;
  const privateKey = env.VONAGE_PRIVATE_KEY_PATH
    ? { file: env.VONAGE_PRIVATE_KEY_PATH }
    : env.VONAGE_PRIVATE_KEY
      ? { env: 'VONAGE_PRIVATE_KEY' }
      : undefined;
  return {
    id: 'default',
    name: env.VONAGE_WORKSPACE_NAME ?? 'Default',
    apiKey: env.VONAGE_API_KEY,
    apiSecret: { env: 'VONAGE_API_SECRET' },
    ...(env.VONAGE_APPLICATION_ID ? { applicationId: env.VONAGE_APPLICATION_ID } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(env.VONAGE_API_BASE_URL ? { baseUrl: env.VONAGE_API_BASE_URL } : {}),
  };
}

// --- Single sign-on (OpenID Connect providers) ---
export interface SsoProvider {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  map: readonly { group: string; role: Role; workspace: string | null }[];
  requireMfa: boolean;
}

/** The config's `sso` entries with their secrets read; a map entry's workspace must exist, and demo mode stays on loopback. */
function ssoProviders(
  list: readonly SsoProviderConfig[],
  ctx: { demo: boolean; workspaces: ReadonlyMap<string, Workspace>; baseDir: string; env: Record<string, string | undefined> },
): SsoProvider[] {
  return list.map((p, i) => {
    const at = `sso[${i}]`;
    if (ctx.demo && !LOOPBACK.has(new URL(p.issuer).hostname))
      throw new ConfigError(`${at}.issuer: demo mode only signs in through an identity provider on 127.0.0.1`);
    p.map.forEach((m, j) => {
      if (m.workspace && !ctx.workspaces.has(m.workspace))
        throw new ConfigError(`${at}.map[${j}].workspace: unknown workspace ${m.workspace}`);
    });
    return {
      id: p.id,
      name: p.name,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: resolveSecret(p.clientSecret, `${at}.clientSecret`, ctx.baseDir, ctx.env),
      groupsClaim: p.groupsClaim,
      map: p.map.map((m) => ({ group: m.group, role: m.role, workspace: m.workspace ?? null })),
      requireMfa: p.requireMfa,
    };
  });
}
// --- end of single sign-on ---

/** `source` is the environment: its settings are parsed by lib/env, and the config's `{ env: NAME }` secrets read from it. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(source);
  const fromEnv = workspaceFromEnv(env);
  // With the VONAGE_* shortcut, the config file is optional: people are then invited (the first admin by a one-time link).
  const file = env.CONSOLE_CONFIG ?? (fromEnv ? null : undefined);
  if (file === undefined)
    throw new ConfigError('CONSOLE_CONFIG is not set: it names the config file (see README), or set VONAGE_API_KEY and VONAGE_API_SECRET');
  let raw: unknown = {};
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`config file ${file}: ${e instanceof SyntaxError ? 'not valid JSON' : 'cannot be read'}`);
    }
  }
  const origin = file ? `config file ${file}` : 'settings';
  if (fromEnv && raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const r = raw as { workspaces?: unknown[] };
    raw = { ...r, workspaces: [...(Array.isArray(r.workspaces) ? r.workspaces : []), fromEnv] };
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const detail = z.prettifyError(parsed.error);
    throw new ConfigError(`${origin}: ${first ? where(first.path) : ''}: ${first?.message}\n${detail}`);
  }
  const baseDir = file ? path.dirname(path.resolve(file)) : process.cwd();
  const cfg = parsed.data;
  if (cfg.workspaces.length === 0) throw new ConfigError(`${origin}: workspaces: at least one is needed`);

  const workspaces = new Map<string, Workspace>();
  cfg.workspaces.forEach((w, i) => {
    const at = `workspaces[${i}]`;
    if (cfg.demo && !LOOPBACK.has(new URL(w.baseUrl).hostname))
      throw new ConfigError(`${at}.baseUrl: demo mode only runs against the simulator on 127.0.0.1`);
    workspaces.set(w.id, {
      id: w.id,
      name: w.name,
      apiKey: w.apiKey,
      apiSecret: resolveSecret(w.apiSecret, `${at}.apiSecret`, baseDir, source),
      jwt:
        w.applicationId && w.privateKey
          ? { applicationId: w.applicationId, privateKey: resolveSecret(w.privateKey, `${at}.privateKey`, baseDir, source) }
          : null,
      baseUrl: w.baseUrl,
    });
  });
  const users = new Map<string, User>();
  for (const u of cfg.users) {
    users.set(u.email, {
      email: u.email,
      name: u.name ?? u.email,
      role: u.role,
      workspace: u.workspace ?? null,
      passwordHash: u.passwordHash,
      source: 'config',
    });
  }
  const sso = ssoProviders(cfg.sso, { demo: cfg.demo, workspaces, baseDir, env: source });
  return { demo: cfg.demo, activity: cfg.activity, session: cfg.session, trustProxy: cfg.trustProxy, workspaces, users, sso };
}

let cached: Config | null = null;

/** The config, read and validated once per server process. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}
