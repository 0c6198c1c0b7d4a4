import 'server-only';
import { z } from 'zod';

const positiveInt = (fallback: number, max: number) => z.coerce.number().int().positive().max(max).default(fallback);
const optionalText = z.string().trim().min(1).optional();

/**
 * Every environment variable the console's server reads, parsed once, with
 * its default. The README's "Settings" table lists exactly these (a unit test
 * keeps the two in step). The launcher and demo scripts (PORT, SIMULATOR_PORT,
 * CONSOLE_DATA_DIR, CONSOLE_MAX_HEAP_MB) read their own: see the README.
 */
export const envSchema = z.object({
  CONSOLE_CONFIG: optionalText,
  NEXTAUTH_SECRET: optionalText,
  NEXTAUTH_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  CONSOLE_DATA_DIR: z.string().trim().min(1).default('.data/console'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000, 120_000),
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(20),
  SIGNIN_CONCURRENCY: z.coerce.number().int().positive().max(64).optional(),
  SIGNIN_QUEUE: positiveInt(8, 10_000),
  BREAKER_OPEN_MS: positiveInt(5_000, 600_000),
  SIGNIN_PER_CLIENT_PER_MINUTE: positiveInt(30, 100_000),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().trim().min(3).max(200).default('External Accounts Console <no-reply@localhost>'),
  INDEX_CONCURRENCY: positiveInt(4, 32),
  INDEX_REREAD_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
  /** The bearer token Prometheus sends to /api/metrics; without one the route answers 404. */
  METRICS_TOKEN: z.string().trim().min(16).max(512).optional(),
  VONAGE_API_KEY: optionalText,
  VONAGE_API_SECRET: optionalText,
  VONAGE_APPLICATION_ID: optionalText,
  VONAGE_PRIVATE_KEY: optionalText,
  VONAGE_PRIVATE_KEY_PATH: optionalText,
  VONAGE_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  VONAGE_WORKSPACE_NAME: optionalText,
});
export type Env = z.output<typeof envSchema>;

class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment; a bad value is an error that names the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable counts as not set, as in a shell `FOO= cmd`.
  const given = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new EnvError(`${String(issue?.path[0] ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
}

let cached: Env | null = null;

/** The server's settings, read from process.env once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
