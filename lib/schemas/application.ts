import { z } from 'zod';
import { intParam } from './query';

export const applicationSchema = z.object({
  id: z.string(),
  name: z.string(),
  messages: z.boolean(),
  inboundUrl: z.string().nullable(),
  statusUrl: z.string().nullable(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationPageSchema = z.object({
  items: z.array(applicationSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalItems: z.number().int(),
  totalPages: z.number().int(),
});
export type ApplicationPage = z.infer<typeof applicationPageSchema>;


export const applicationListQuerySchema = z.strictObject({
  page: intParam(1, 100_000, 1),
  pageSize: intParam(1, 100, 20),
  capability: z.literal('messages', { error: 'The only capability filter is messages' }).optional(),
});
export type ApplicationListQuery = z.output<typeof applicationListQuerySchema>;
