import { json, notAllowed, publicRoute } from '@/lib/bff/handler';
import { spendInvitation } from '@/lib/bff/invitations';
import { acceptInvitationSchema } from '@/lib/schemas/people';

export const dynamic = 'force-dynamic';

/** Uses an invitation once: the person chooses their password, then signs in as anyone does. */
export const POST = publicRoute({ body: acceptInvitationSchema }, async ({ req, body }) => json(await spendInvitation(req, body), 201));
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
