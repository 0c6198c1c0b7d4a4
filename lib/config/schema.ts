import { z } from 'zod';
import { workspaceIdSchema } from '@/lib/schemas/ids';
import { PASSWORD_HASH_PATTERN } from '@/lib/auth/password';
import { isCustomerRole, ROLES } from '@/lib/schemas/roles';

/** A secret may be written literally, or as a reference to an environment variable or a file. */
const secretRefSchema = z.union([
  z.string().min(1),
  z.strictObject({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') }),
  z.strictObject({ file: z.string().min(1) }),
]);
export type SecretRef = z.infer<typeof secretRefSchema>;

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

const workspaceConfigSchema = z.strictObject({
  id: workspaceIdSchema,
  name: z.string().min(1).max(100),
  apiKey: z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'a Vonage API key'),
  apiSecret: secretRefSchema,
  applicationId: z.uuid().optional(),
  privateKey: secretRefSchema.optional(),
  baseUrl: httpUrl.default('https://api.nexmo.com'),
});

const userSchema = z
  .strictObject({
    email: z.email().transform((e) => e.toLowerCase()),
    name: z.string().min(1).max(100).optional(),
    role: z.enum(ROLES),
    workspace: z.optional(workspaceIdSchema),
    passwordHash: z.string().regex(PASSWORD_HASH_PATTERN, 'a salted scrypt hash (see README: hashing a password)'),
  })
  .refine((u) => isCustomerRole(u.role) === (u.workspace !== undefined), {
    message: 'a customer role needs exactly one workspace; staff have none',
    path: ['workspace'],
  });

// --- Single sign-on (OpenID Connect providers) ---
/** An issuer: https, or http on a loopback address (the demo and the tests). */
const issuerUrl = httpUrl.refine(
  (u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u),
  'https, or http only on 127.0.0.1 / localhost',
);
const ssoMapEntrySchema = z.strictObject({
  group: z.string().min(1).max(200),
  role: z.enum(ROLES),
  workspace: z.optional(workspaceIdSchema),
});
export const ssoProviderSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes (it is in the callback URL)'),
    name: z.string().min(1).max(60),
    issuer: issuerUrl,
    clientId: z.string().min(1).max(200),
    clientSecret: secretRefSchema,
    groupsClaim: z.string().min(1).max(100).default('groups'),
    map: z.array(ssoMapEntrySchema).min(1),
    requireMfa: z.boolean().default(false),
  })
  .superRefine((p, ctx) =>
    p.map.forEach((m, i) => {
      // Customer roles (customer, customer-viewer) see exactly one workspace; staff roles none.
      if (m.role.startsWith('customer') !== (m.workspace !== undefined))
        ctx.addIssue({
          code: 'custom',
          message: 'a customer role needs exactly one workspace; staff have none',
          path: ['map', i, 'workspace'],
        });
    }),
  );
export type SsoProviderConfig = z.infer<typeof ssoProviderSchema>;
const ssoListSchema = z
  .array(ssoProviderSchema)
  .default([])
  .superRefine((list, ctx) => {
    const ids = new Set<string>();
    list.forEach((p, i) => {
      if (ids.has(p.id) || p.id === 'credentials')
        ctx.addIssue({ code: 'custom', message: `duplicate or reserved provider id ${p.id}`, path: [i, 'id'] });
      ids.add(p.id);
    });
  });
// --- end of single sign-on ---

export const configFileSchema = z
  .strictObject({
    /** Demo mode: every workspace must point at the loopback simulator. */
    demo: z.boolean().default(false),
    workspaces: z.array(workspaceConfigSchema).default([]),
    /** Bootstrap and demo users; with none, the first admin is made through a one-time link (README). */
    users: z.array(userSchema).default([]),
    /** The activity log keeps events this many days; the retention job removes older ones, and says so in the log. */
    sso: ssoListSchema,
    activity: z.strictObject({ retainDays: z.number().int().min(1).max(36_500).default(400) }).default({ retainDays: 400 }),
    /** A session ends after this long without a request, or this long after sign-in, whichever comes first. */
    session: z
      .strictObject({
        idleMinutes: z.number().int().min(1).max(1440).default(30),
        maxHours: z.number().int().min(1).max(720).default(8),
      })
      .default({ idleMinutes: 30, maxHours: 8 }),
    /** How many proxies in front of the console append to X-Forwarded-For; 0 (the default) trusts none: the socket's address counts. */
    trustProxy: z.number().int().min(0).max(10).default(0),
  })
  .superRefine((cfg, ctx) => {
    const ids = new Set<string>();
    cfg.workspaces.forEach((w, i) => {
      if (ids.has(w.id)) ctx.addIssue({ code: 'custom', message: `duplicate workspace id ${w.id}`, path: ['workspaces', i, 'id'] });
      ids.add(w.id);
      if ((w.applicationId === undefined) !== (w.privateKey === undefined))
        ctx.addIssue({ code: 'custom', message: 'applicationId and privateKey go together', path: ['workspaces', i, 'privateKey'] });
    });
    cfg.users.forEach((u, i) => {
      if (u.workspace && !ids.has(u.workspace))
        ctx.addIssue({ code: 'custom', message: `unknown workspace ${u.workspace}`, path: ['users', i, 'workspace'] });
    });
  });
