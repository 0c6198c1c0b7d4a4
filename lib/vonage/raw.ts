import 'server-only';
import { z } from 'zod';
import { providerSchema } from '@/lib/schemas/ids';
import type { Account } from '@/lib/schemas/account';
import type { Application } from '@/lib/schemas/application';

/*
 * Upstream shapes, parsed at the boundary. Tolerant where the spec is loose
 * (optional fields, nulls, unknown fields dropped); only what docs/api.md lists
 * passes on into domain types.
 */
export const rawAccountSchema = z.object({
  external_id: z.string(),
  api_key: z.string(),
  provider: providerSchema,
  name: z.string().nullish(),
  applications: z.array(z.string()).nullish(),
  access_token: z.string().nullish(),
});
type RawAccount = z.infer<typeof rawAccountSchema>;

const link = z.object({ href: z.string() }).nullish();
export const rawAccountListSchema = z.object({
  // Required: a 200 without the list is not an answer of this API (an empty list is `[]`).
  _embedded: z.array(z.unknown()),
  _links: z.object({ self: link, first: link, last: link, prev: link, next: link }).partial().nullish(),
});

const webhook = z.object({ address: z.string().nullish() }).nullish();
export const rawApplicationSchema = z.object({
  id: z.string(),
  name: z.string(),
  capabilities: z
    .object({ messages: z.object({ webhooks: z.object({ inbound_url: webhook, status_url: webhook }).partial().nullish() }).nullish() })
    .partial()
    .nullish(),
});
type RawApplication = z.infer<typeof rawApplicationSchema>;

export const rawApplicationListSchema = z.object({
  page: z.number().int().nullish(),
  page_size: z.number().int().nullish(),
  total_items: z.number().int().nullish(),
  total_pages: z.number().int().nullish(),
  _embedded: z.object({ applications: z.array(z.unknown()) }),
});

export const rawInvalidParamsSchema = z.object({
  invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).nullish(),
  invalid_parameters: z.array(z.object({ name: z.string(), reason: z.string() })).nullish(),
});

/** A page token is a secret: at most its last 4 characters leave the server, and none of a short one. */
export function tokenHint(token: string | null | undefined): string | null {
  if (!token || token.length < 12) return null;
  return token.slice(-4);
}

export function toAccount(raw: RawAccount): Account {
  return {
    provider: raw.provider,
    externalId: raw.external_id,
    name: raw.name ?? null,
    applications: raw.applications ?? [],
    apiKey: raw.api_key,
    accessTokenHint: raw.provider === 'messenger' ? tokenHint(raw.access_token) : null,
  };
}

export function toApplication(raw: RawApplication): Application {
  const messages = raw.capabilities?.messages;
  return {
    id: raw.id,
    name: raw.name,
    messages: Boolean(messages),
    inboundUrl: messages?.webhooks?.inbound_url?.address ?? null,
    statusUrl: messages?.webhooks?.status_url?.address ?? null,
  };
}

/** The BFF's own field names for the upstream's. */
const FIELD_NAMES: Record<string, string> = {
  external_id: 'externalId',
  access_token: 'accessToken',
  applications: 'applicationId',
  application: 'applicationId',
  page_number: 'page',
  page_size: 'pageSize',
};
/** An upstream field name never reaches the browser: ours, or `body` when we have no name for it. */
export const bffFieldName = (upstream: string) =>
  // Own keys only: `__proto__` or `constructor` from upstream must not name a field by the object's prototype.
  (Object.hasOwn(FIELD_NAMES, upstream) ? FIELD_NAMES[upstream] : undefined) ??
  (['name', 'provider'].includes(upstream) ? upstream : 'body');

/** How a list item that cannot be read is named in the log: its position and, if it has one, its id. */
export function itemLabel(raw: unknown, index: number): Record<string, unknown> {
  const r = raw as { external_id?: unknown; id?: unknown } | null;
  const id = typeof r?.external_id === 'string' ? r.external_id : typeof r?.id === 'string' ? r.id : null;
  return { index, ...(id !== null ? { id: id.slice(0, 64) } : {}) };
}
