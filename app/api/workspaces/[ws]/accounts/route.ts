import { accountList } from '@/lib/bff/reads';
import { json, notAllowed, route } from '@/lib/bff/handler';

export const dynamic = 'force-dynamic';

export const GET = route(accountList, async (ctx) => json(await accountList.run(ctx)));
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
