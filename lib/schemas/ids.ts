import { z } from 'zod';

/** Providers of the External Accounts API (v0.1.6 adds rcs). */
export const PROVIDERS = ['messenger', 'viber_service_msg', 'whatsapp', 'rcs'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const providerSchema = z.enum(PROVIDERS, { error: 'Must be one of messenger, viber_service_msg, whatsapp, rcs' });

export const PROVIDER_LABELS: Record<Provider, string> = {
  messenger: 'Messenger',
  whatsapp: 'WhatsApp',
  viber_service_msg: 'Viber',
  rcs: 'RCS',
};

/*
 * Ids become upstream path segments, so each is a short run of the characters
 * its provider allows and nothing else: no dots, slashes, `?`, `#`, `%` or
 * control characters can reach the upstream path.
 */
const digits = (max: number, what: string) =>
  z.string().regex(new RegExp(`^[0-9]{1,${max}}$`), `${what} is 1 to ${max} digits`);

export const externalIdSchemas = {
  messenger: digits(20, 'A Facebook Page ID'),
  viber_service_msg: digits(20, 'A Viber Service Message ID'),
  whatsapp: z.string().regex(/^[1-9][0-9]{6,14}$/, 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +'),
  rcs: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'An RCS agent ID is letters, digits, _ and -, at most 100 characters'),
} satisfies Record<Provider, z.ZodType<string>>;

export const externalIdSchema = (provider: Provider) => externalIdSchemas[provider];

export const applicationIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'An application ID is a UUID')
  .transform((s) => s.toLowerCase());

export const workspaceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A workspace id is a short slug');
