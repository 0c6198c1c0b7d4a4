import { z } from 'zod/mini';
import { intParam } from './query';

const applicationSchema = z.object({
  id: z.string(),
  name: z.string(),
  messages: z.boolean(),
  inboundUrl: z.nullable(z.string()),
  statusUrl: z.nullable(z.string()),
});
export type Application = z.infer<typeof applicationSchema>;

const int = () => z.number().check(z.int());

export const applicationPageSchema = z.object({
  items: z.array(applicationSchema),
  page: int(),
  pageSize: int(),
  totalItems: int(),
  totalPages: int(),
});
export type ApplicationPage = z.infer<typeof applicationPageSchema>;

export const applicationListQuerySchema = z.strictObject({
  page: intParam(1, 100_000, 1),
  pageSize: intParam(1, 100, 20),
  capability: z.optional(z.literal('messages', { error: 'The only capability filter is messages' })),
  /** `all=true`: every application (up to 2,000) in one answer, for the page's names and the link picker. */
  all: z.optional(
    z.pipe(
      z.literal('true', { error: 'all takes the value true' }),
      z.transform(() => true),
    ),
  ),
});
