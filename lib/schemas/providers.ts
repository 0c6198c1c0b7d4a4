/*
 * The providers as plain values, apart from the zod schemas in ids.ts: pages
 * that only show or filter by provider then load no zod.
 */

/** Providers of the External Accounts API (v0.1.6 adds rcs). */
export const PROVIDERS = ['messenger', 'viber_service_msg', 'whatsapp', 'rcs'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const PROVIDER_LABELS: Record<Provider, string> = {
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  viber_service_msg: 'Viber',
  rcs: 'RCS',
};
