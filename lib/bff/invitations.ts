import 'server-only';
import { randomUUID } from 'node:crypto';
import type { NextRequest } from 'next/server';
import { record } from '@/lib/activity/write';
import { requestOrigin } from '@/lib/auth/client-address';
import { acceptInvitation, openInvitation, REFUSAL_WORDS, type InvitationRefusal, type InvitationRow } from '@/lib/auth/invitations';
import { getConfig } from '@/lib/config/load';
import type { OpenedInvitationView } from '@/lib/schemas/people';
import { HttpError } from './problem';

function refusal(why: InvitationRefusal): HttpError {
  return why === 'unknown'
    ? new HttpError(404, 'Invitation not found', REFUSAL_WORDS.unknown)
    : new HttpError(410, 'Invitation no longer valid', REFUSAL_WORDS[why], { type: `invitation-${why}` });
}

/** An invitation's use, or its refusal, in the activity log of the workspace it names. */
function recordUse(
  req: NextRequest,
  row: InvitationRow | undefined,
  email: string | null,
  outcome: 'ok' | 'denied',
  status: number,
  after: unknown,
) {
  return record({
    actor: { email: email ?? row?.email ?? '', name: email ?? row?.email ?? 'Someone', role: row?.role ?? 'unknown', via: 'invitation' },
    workspace: row?.workspace ?? null,
    action: 'invitation.accept',
    target: { kind: 'person', id: email ?? row?.email ?? '' },
    before: null,
    after,
    outcome,
    status,
    upstreamStatus: null,
    requestId: randomUUID(),
    correlationId: null,
    ...requestOrigin(req.headers),
  });
}

export async function describeInvitation(token: string): Promise<OpenedInvitationView> {
  const opened = await openInvitation(token);
  if ('refused' in opened) throw refusal(opened.refused);
  const { row } = opened;
  return {
    kind: row.kind === 'first-admin' ? 'first-admin' : 'invitation',
    email: row.email,
    role: row.role,
    workspace: row.workspace,
    workspaceName: row.workspace ? (getConfig().workspaces.get(row.workspace)?.name ?? row.workspace) : null,
    expiresAt: row.expiresAt.toISOString(),
  };
}

export async function spendInvitation(req: NextRequest, input: { token: string; name: string; password: string; email?: string }) {
  const result = await acceptInvitation(input);
  if (result.ok) {
    await recordUse(req, result.row, result.email, 'ok', 201, { role: result.row.role, workspace: result.row.workspace });
    return { email: result.email };
  }
  if ('refused' in result) {
    if (result.refused !== 'unknown') await recordUse(req, result.row, null, 'denied', 410, { refused: result.refused });
    throw refusal(result.refused);
  }
  throw new HttpError(400, 'Invalid body', result.reason, { invalidParams: [{ name: result.field, reason: result.reason }] });
}
