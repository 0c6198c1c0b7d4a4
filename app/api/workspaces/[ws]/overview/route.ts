import { json, notAllowed, route } from '@/lib/bff/handler';
import { overview } from '@/lib/index/views';

export const dynamic = 'force-dynamic';

/** Totals per provider and what needs attention, from the index, with its "as of". */
export const GET = route({ action: 'read' }, async ({ workspace }) => json(await overview(workspace.id)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
