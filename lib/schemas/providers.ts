/*
 * The providers as plain values, apart from the zod schemas in ids.ts: pages
 * that only show or filter by provider then load no zod.
 */

/** Providers of the External Accounts API (v0.1.6 adds rcs). */
export const PROVIDERS = ['messenger', 'viber_service_msg', 'whatsapp', 'rcs'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** The order every page shows providers in: the Accounts page's tabs, the Overview's totals, an application's accounts. */
export const PROVIDER_ORDER: readonly Provider[] = ['messenger', 'whatsapp', 'viber_service_msg', 'rcs'];

/** Sorts by `PROVIDER_ORDER`, keeping the order within one provider (the sort is stable). */
export const byProviderOrder = <T>(items: readonly T[], providerOf: (item: T) => string): T[] =>
  [...items].sort((a, b) => PROVIDER_ORDER.indexOf(providerOf(a) as Provider) - PROVIDER_ORDER.indexOf(providerOf(b) as Provider));

export const PROVIDER_LABELS: Record<Provider, string> = {
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  viber_service_msg: 'Viber',
  rcs: 'RCS',
};
