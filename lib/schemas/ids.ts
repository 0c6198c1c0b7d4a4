import { z } from 'zod/mini';
import { PROVIDERS, type Provider } from './providers';

export const providerSchema = z.enum(PROVIDERS, { error: 'Must be one of messenger, viber_service_msg, whatsapp, rcs' });

/*
 * Ids become upstream path segments, so each is a short run of the characters
 * its provider allows and nothing else: no dots, slashes, `?`, `#`, `%` or
 * control characters can reach the upstream path.
 */
const digits = (max: number, what: string) => z.string().check(z.regex(new RegExp(`^[0-9]{1,${max}}$`), `${what} is 1 to ${max} digits`));

export const externalIdSchemas = {
  messenger: digits(20, 'A Facebook Page ID'),
  viber_service_msg: digits(20, 'A Viber Service Message ID'),
  whatsapp: z.string().check(z.regex(/^[1-9][0-9]{6,14}$/, 'A WhatsApp number is 7 to 15 digits in E.164 form, without the +')),
  rcs: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/, 'An RCS agent ID is letters, digits, _ and -, at most 100 characters')),
} satisfies Record<Provider, z.ZodMiniType<string>>;

export const externalIdSchema = (provider: Provider) => externalIdSchemas[provider];

export const applicationIdSchema = z.pipe(
  z.string().check(z.regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'An application ID is a UUID')),
  z.transform((s: string) => s.toLowerCase()),
);

export const workspaceIdSchema = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A workspace id is a short slug'));
