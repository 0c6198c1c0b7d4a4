import { json, notAllowed, userRoute } from '@/lib/bff/handler';
import { listPeople } from '@/lib/bff/people';

export const dynamic = 'force-dynamic';

/** Who may sign in, and pending invitations: an admin everyone; a customer their own workspace's. */
export const GET = userRoute(async (user) => json(await listPeople(user)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
