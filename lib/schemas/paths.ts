import { z } from 'zod/mini';
import { applicationIdSchema, externalIdSchema, providerSchema, workspaceIdSchema } from './ids';

/** `{ws}/accounts/{provider}/{externalId}`: the id is checked against its provider's own pattern. */
export const accountPathSchema = z
  .object({ ws: workspaceIdSchema, provider: providerSchema, externalId: z.string().check(z.maxLength(200, 'Too long')) })
  .check(
    z.superRefine((v, ctx) => {
      const r = externalIdSchema(v.provider).safeParse(v.externalId);
      if (!r.success) ctx.addIssue({ code: 'custom', path: ['externalId'], message: r.error.issues[0]?.message ?? 'Invalid id' });
    }),
  );

export const linkPathSchema = z.intersection(accountPathSchema, z.object({ applicationId: applicationIdSchema }));

export const providerPathSchema = z.object({ ws: workspaceIdSchema, provider: providerSchema });
