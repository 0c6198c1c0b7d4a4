import { z } from 'zod/mini';
import { applicationIdSchema, externalIdSchema, providerSchema, workspaceIdSchema } from './ids';

/** `{ws}/accounts/{provider}/{externalId}`: the id is checked against its provider's own pattern. */
export const accountPathSchema = z
  .object({ ws: workspaceIdSchema, provider: providerSchema, externalId: z.string().check(z.maxLength(200, 'Too long')) })
  .check(
    z.superRefine((v, ctx) => {
      const r = externalIdSchema(v.provider).safeParse(v.externalId);
      if (!r.success)
        ctx.addIssue({
          // Stryker disable next-line StringLiteral: the BFF reads an issue's path and message; its code only for unrecognized keys
          code: 'custom',
          path: ['externalId'],
          // Stryker disable next-line StringLiteral,OptionalChaining: a failed parse has at least one issue, so no fallback is read
          message: r.error.issues[0]?.message ?? 'Invalid id',
        });
    }),
  );

export const linkPathSchema = z.intersection(accountPathSchema, z.object({ applicationId: applicationIdSchema }));

export const providerPathSchema = z.object({ ws: workspaceIdSchema, provider: providerSchema });
