import { json, notAllowed, route } from '@/lib/bff/handler';
import { accountListQuerySchema } from '@/lib/schemas/account';
import { listAccounts } from '@/lib/vonage/accounts';

export const dynamic = 'force-dynamic';

export const GET = route({ action: 'read', query: accountListQuerySchema }, async ({ workspace, query }) =>
  json(await listAccounts(workspace, query)),
);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['GET']);
