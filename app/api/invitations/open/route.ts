import { json, notAllowed, publicRoute } from '@/lib/bff/handler';
import { describeInvitation } from '@/lib/bff/invitations';
import { openInvitationSchema } from '@/lib/schemas/people';

export const dynamic = 'force-dynamic';

/** What an invitation link offers (who, which role), without using it. A POST: the token never rides in a URL. */
export const POST = publicRoute({ body: openInvitationSchema }, async ({ body }) => json(await describeInvitation(body.token)));
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
