import { json, notAllowed, userRoute } from '@/lib/bff/handler';
import { visibleWorkspaces } from '@/lib/bff/access';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async (user) => json(visibleWorkspaces(user).map((w) => ({ id: w.id, name: w.name }))));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
