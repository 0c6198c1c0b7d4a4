/** Shared types of the Vonage API simulator. Plain TypeScript, no runtime schema library. */

export type SeedName = 'acme' | 'globex' | 'empty';

export const PROVIDERS = ['messenger', 'viber_service_msg', 'whatsapp', 'rcs'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface JwtApplicationConfig {
  /** Vonage application id (UUID); the `application_id` claim of JWTs signed with its private key. */
  id: string;
  name: string;
  /** PEM SPKI public key ("-----BEGIN PUBLIC KEY-----..."). */
  publicKey: string;
}

export interface TenantConfig {
  apiKey: string;
  apiSecret: string;
  name: string;
  seed: SeedName;
  /** Adds this many generated accounts after the seed's own (benchmarks). */
  extraAccounts?: number;
  jwtApplications?: JwtApplicationConfig[];
}

export interface TenantsFile {
  tenants: TenantConfig[];
}

/** An external account as stored; `api_key` is derived from the owning tenant when rendered. */
export interface StoredAccount {
  provider: Provider;
  external_id: string;
  name?: string;
  applications: string[];
  /** Messenger only: the Facebook Page token (a secret: never logged). */
  access_token?: string;
}

export interface Webhook {
  address: string;
  http_method: 'GET' | 'POST';
}

export interface ApplicationCapabilities {
  messages?: { webhooks: { inbound_url: Webhook; status_url: Webhook } };
  voice?: { webhooks: { answer_url: Webhook; event_url: Webhook } };
  rtc?: { webhooks: { event_url: Webhook } };
}

export interface StoredApplication {
  id: string;
  name: string;
  capabilities: ApplicationCapabilities;
  keys?: { public_key: string };
}

export interface TenantState {
  accounts: StoredAccount[];
  applications: StoredApplication[];
}

/** The content of DATA_DIR/state.json. */
export interface StateFile {
  version: 1;
  tenants: Record<string, TenantState>;
}

export interface ScriptEntry {
  method?: string;
  /** Prefix match on the raw request path. */
  path?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
  /** Run the request normally (after delayMs). */
  passThrough?: boolean;
  /** Run the request normally at once (the change is made), but hold its answer this long. */
  answerDelayMs?: number;
}

export interface FaultConfig {
  latencyMs?: number;
  /** Each request waits `latencyMs` ± this (uniform); only with `latencyMs`. */
  latencyJitterMs?: number;
  errorRate?: number;
  errorStatus?: number;
  rateLimit?: { retryAfter: string } | null;
  hang?: boolean;
  script?: ScriptEntry[];
}

export type AuthKind = 'basic' | 'bearer' | 'none' | 'invalid';

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  auth: AuthKind;
  apiKey: string | null;
  /** 0 while unanswered (e.g. a hung request). */
  status: number;
  at: string;
}
