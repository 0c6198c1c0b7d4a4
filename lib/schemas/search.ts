import { z } from 'zod/mini';
import { plainText } from './account';
import { providerSchema, workspaceIdSchema } from './ids';
import { intParam } from './query';

/** GET /api/search: part of a name or an external id, optionally one provider or one workspace. */
export const searchQuerySchema = z.strictObject({
  q: z
    .string()
    .check(plainText('A search'), z.trim(), z.minLength(2, 'Type at least 2 characters'), z.maxLength(100, 'At most 100 characters')),
  provider: z.optional(providerSchema),
  workspace: z.optional(workspaceIdSchema),
});

/** GET /api/workspaces/{ws}/applications?source=index: the list with each application's linked accounts, from the index. */
export const indexedApplicationsQuerySchema = z.strictObject({
  source: z.literal('index', { error: 'source takes the value index' }),
  page: intParam(1, 100_000, 1),
  pageSize: intParam(1, 100, 50),
});

/** GET /api/workspaces/{ws}/accounts/export. */
export const inventoryExportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'jsonl'], { error: 'The format is csv or jsonl' }),
  provider: z.optional(providerSchema),
});
