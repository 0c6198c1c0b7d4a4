import { z } from 'zod';

/** RFC 9457 problem details as the BFF answers them. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string(),
  invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const workspaceSummarySchema = z.object({ id: z.string(), name: z.string() });
export type WorkspaceSummary = z.infer<typeof workspaceSummarySchema>;
