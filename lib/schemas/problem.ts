import { z } from 'zod/mini';

/** RFC 9457 problem details as the BFF answers them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().check(z.int()),
  detail: z.optional(z.string()),
  instance: z.string(),
  invalidParams: z.optional(z.array(z.object({ name: z.string(), reason: z.string() }))),
  /** After a replace that failed: whether the application linked before is linked again. */
  restored: z.optional(z.boolean()),
});
export type Problem = z.infer<typeof problemSchema>;
