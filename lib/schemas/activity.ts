import { z } from 'zod/mini';
import { workspaceIdSchema } from './ids';

const OUTCOMES = ['ok', 'denied', 'failed', 'unconfirmed'] as const;

/** An event as the BFF answers it (`at` as an ISO string). A customer sees staff as "Support — <name>", no email. */
export const activityEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ email: z.nullable(z.string()), name: z.string(), role: z.string(), via: z.string() }),
  workspace: z.nullable(z.string()),
  action: z.string(),
  target: z.object({ kind: z.string(), id: z.string(), provider: z.optional(z.string()) }),
  before: z.unknown(),
  after: z.unknown(),
  outcome: z.enum(OUTCOMES),
  status: z.number(),
  upstreamStatus: z.nullable(z.number()),
  requestId: z.string(),
});
export type ActivityEventView = z.infer<typeof activityEventSchema>;

export const activityPageSchema = z.object({
  items: z.array(activityEventSchema),
  nextCursor: z.nullable(z.string()),
  /** The names, from the account index, of the applications this page's events name by id (in their own workspace). */
  applicationNames: z.optional(z.record(z.string(), z.string())),
});
export type ActivityPage = z.infer<typeof activityPageSchema>;

const day = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD'));
const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/** Filters of the activity routes, in the URL of the Activity page too. */
export const activityQuerySchema = z.strictObject({
  cursor: z.optional(z.string().check(z.regex(/^[0-9]{1,15}$/, 'Not a cursor this console gave'))),
  actor: z.optional(text(320)),
  action: z.optional(z.string().check(z.regex(/^[a-z.-]{1,60}$/, 'An action is like account.link'))),
  target: z.optional(text(200)),
  outcome: z.optional(z.enum(OUTCOMES)),
  from: z.optional(day),
  to: z.optional(day),
});
export type ActivityQuery = z.output<typeof activityQuerySchema>;

/** The cross-workspace route also filters by workspace. */
export const allActivityQuerySchema = z.extend(activityQuerySchema, { workspace: z.optional(workspaceIdSchema) });

/** The export takes the same filters and a format. */
export const activityExportQuerySchema = z.extend(activityQuerySchema, {
  format: z.enum(['csv', 'jsonl'], { error: 'Must be csv or jsonl' }),
});
