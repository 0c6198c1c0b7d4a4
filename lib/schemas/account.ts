import { z } from 'zod/mini';
import { intParam } from './query';
import { applicationIdSchema, externalIdSchemas, providerSchema } from './ids';

export const accountSchema = z.object({
  provider: providerSchema,
  externalId: z.string(),
  name: z.nullable(z.string()),
  applications: z.array(z.string()),
  apiKey: z.string(),
  /** At most the last 4 characters of a Messenger Page token; the token itself never leaves the server. */
  accessTokenHint: z.nullable(z.string()),
});
export type Account = z.infer<typeof accountSchema>;

export const accountPageSchema = z.object({
  items: z.array(accountSchema),
  page: z.number().check(z.int()),
  pageSize: z.number().check(z.int()),
  hasPrev: z.boolean(),
  hasNext: z.boolean(),
  lastPage: z.nullable(z.number().check(z.int())),
});
export type AccountPage = z.infer<typeof accountPageSchema>;

/*
 * Control characters (CR, LF, NUL, …) and the invisible marks that reorder
 * text (U+202E and its kin) are refused in free text before it is trimmed:
 * Vonage stores and echoes back what it is given (docs/security.md, A34).
 */
const CONTROL_OR_BIDI = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
export const plainText = (what: string) =>
  z.refine<string>((s) => !CONTROL_OR_BIDI.test(s), `${what} may not contain line breaks, control or text-direction characters`);

const pageToken = z
  .string()
  .check(
    plainText('A Page token'),
    z.trim(),
    z.minLength(1, 'Enter the Page token'),
    z.maxLength(1000, 'A Page token is at most 1000 characters'),
  );
const accountName = z
  .string()
  .check(plainText('A name'), z.trim(), z.minLength(1, 'Enter a name'), z.maxLength(100, 'A name is at most 100 characters'));

/** Body of POST /api/workspaces/{ws}/accounts/messenger — shared by the form and the handler. */
export const createMessengerSchema = z.strictObject({
  externalId: externalIdSchemas.messenger,
  accessToken: pageToken,
  name: z.optional(accountName),
  applicationId: z.optional(applicationIdSchema),
});
export type CreateMessengerInput = z.input<typeof createMessengerSchema>;
export type CreateMessengerBody = z.output<typeof createMessengerSchema>;

/** Body of PATCH …/messenger/{externalId}: a name, a new Page token, or both. */
export const updateMessengerSchema = z.strictObject({ name: z.optional(accountName), accessToken: z.optional(pageToken) }).check(
  z.refine((b) => b.name !== undefined || b.accessToken !== undefined, {
    message: 'Change the name, the Page token, or both',
    path: ['name'],
  }),
);
export type UpdateMessengerInput = z.input<typeof updateMessengerSchema>;
export type UpdateMessengerBody = z.output<typeof updateMessengerSchema>;

/** Body of POST …/{provider}/{externalId}/applications. */
export const linkApplicationSchema = z.strictObject({ applicationId: applicationIdSchema });

/** Body of PUT …/{provider}/{externalId}/applications: replace `expectedCurrent` (null: none linked) by `applicationId`. */
export const replaceApplicationSchema = z.strictObject({
  applicationId: applicationIdSchema,
  expectedCurrent: z.nullable(applicationIdSchema),
});

export const accountListQuerySchema = z.strictObject({
  provider: z.optional(providerSchema),
  page: intParam(1, 1_000_000, 1),
  pageSize: intParam(1, 100, 20),
});
