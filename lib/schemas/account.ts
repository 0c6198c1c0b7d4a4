import { z } from 'zod';
import { intParam } from './query';
import { applicationIdSchema, externalIdSchemas, providerSchema } from './ids';

export const accountSchema = z.object({
  provider: providerSchema,
  externalId: z.string(),
  name: z.string().nullable(),
  applications: z.array(z.string()),
  apiKey: z.string(),
  /** At most the last 4 characters of a Messenger Page token; the token itself never leaves the server. */
  accessTokenHint: z.string().nullable(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountPageSchema = z.object({
  items: z.array(accountSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasPrev: z.boolean(),
  hasNext: z.boolean(),
  lastPage: z.number().int().nullable(),
});
export type AccountPage = z.infer<typeof accountPageSchema>;

const pageToken = z
  .string()
  .trim()
  .min(1, 'Enter the Page token')
  .max(1000, 'A Page token is at most 1000 characters');
const accountName = z.string().trim().min(1, 'Enter a name').max(100, 'A name is at most 100 characters');

/** Body of POST /api/workspaces/{ws}/accounts/messenger — shared by the form and the handler. */
export const createMessengerSchema = z.strictObject({
  externalId: externalIdSchemas.messenger,
  accessToken: pageToken,
  name: accountName.optional(),
  applicationId: applicationIdSchema.optional(),
});
export type CreateMessengerInput = z.input<typeof createMessengerSchema>;

/** Body of PATCH …/messenger/{externalId}: a name, a new Page token, or both. */
export const updateMessengerSchema = z
  .strictObject({ name: accountName.optional(), accessToken: pageToken.optional() })
  .refine((b) => b.name !== undefined || b.accessToken !== undefined, {
    message: 'Change the name, the Page token, or both',
    path: ['name'],
  });
export type UpdateMessengerInput = z.input<typeof updateMessengerSchema>;

/** Body of POST …/{provider}/{externalId}/applications. */
export const linkApplicationSchema = z.strictObject({ applicationId: applicationIdSchema });
export type LinkApplicationInput = z.input<typeof linkApplicationSchema>;


export const accountListQuerySchema = z.strictObject({
  provider: providerSchema.optional(),
  page: intParam(1, 1_000_000, 1),
  pageSize: intParam(1, 100, 20),
});
export type AccountListQuery = z.output<typeof accountListQuerySchema>;
