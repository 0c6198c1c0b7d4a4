import { z } from 'zod/mini';
import { workspaceIdSchema } from './ids';
import { ROLES } from './roles';

const email = z.pipe(
  z.string().check(z.trim(), z.maxLength(320), z.email('Give an email address, such as name@example.com')),
  z.transform((e) => e.toLowerCase()),
);

/** `POST /api/people/invitations`: an admin any role; a customer a customer role in their own workspace. */
export const invitationSchema = z.strictObject({
  email,
  role: z.enum(ROLES, { error: 'Choose a role' }),
  workspace: z.optional(workspaceIdSchema),
});
export type InvitationInput = z.infer<typeof invitationSchema>;

/** `PATCH /api/people/{email}`: a new role, or disabled / enabled again. */
export const personChangeSchema = z
  .strictObject({
    role: z.optional(z.enum(ROLES, { error: 'Choose a role' })),
    disabled: z.optional(z.boolean()),
  })
  .check(z.refine((b) => b.role !== undefined || b.disabled !== undefined, { message: 'Change the role or disable', path: ['role'] }));
export type PersonChange = z.infer<typeof personChangeSchema>;

export const personIdSchema = z.object({ id: email });

const tokenSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not an invitation link'));

export const openInvitationSchema = z.strictObject({ token: tokenSchema });

/** The chosen password is checked on the server too (length, and not among the most common). */
export const acceptInvitationSchema = z.strictObject({
  token: tokenSchema,
  name: z.string().check(z.trim(), z.minLength(1, 'Give your name'), z.maxLength(100)),
  password: z.string().check(z.minLength(12, 'Use at least 12 characters'), z.maxLength(200, 'Use at most 200 characters')),
  /** Only for the first admin's link, which names no email. */
  email: z.optional(email),
});

/** A person as the People page shows them. */
export interface PersonView {
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  workspace: string | null;
  /** 'config' (edited in the file only), 'password' (invited), 'sso:<provider>'. */
  source: string;
  disabled: boolean;
  lastSeenAt: string | null;
  activeSessions: number;
  /** Whether the caller may change their role or disable them. */
  editable: boolean;
}

export interface PendingInvitationView {
  id: string;
  email: string;
  role: string;
  workspace: string | null;
  invitedBy: string | null;
  expiresAt: string;
}

export interface PeopleView {
  people: PersonView[];
  invitations: PendingInvitationView[];
}

export interface OpenedInvitationView {
  kind: 'invitation' | 'first-admin';
  email: string | null;
  role: string;
  workspace: string | null;
  workspaceName: string | null;
  expiresAt: string;
}
