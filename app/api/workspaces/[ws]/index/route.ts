import { json, notAllowed, route } from '@/lib/bff/handler';
import { indexStatus } from '@/lib/index/status';

export const dynamic = 'force-dynamic';

/** How fresh the workspace's account index is (no upstream call). */
export const GET = route({ action: 'read' }, async ({ workspace }) => json(await indexStatus(workspace.id)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
