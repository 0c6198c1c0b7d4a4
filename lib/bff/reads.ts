import 'server-only';

/* The reads that both their route handlers and their pages' server prefetch run (ReadOp, pipeline.ts). */
import { accountForView } from '@/lib/index/read-account';
import type { Account, AccountPage } from '@/lib/schemas/account';
import { accountListQuerySchema } from '@/lib/schemas/account';
import { accountPathSchema } from '@/lib/schemas/paths';
import type { ApplicationPage } from '@/lib/schemas/application';
import { applicationListQuerySchema } from '@/lib/schemas/application';
import { indexedApplicationsBeyond } from '@/lib/index/views';
import { listAccounts } from '@/lib/vonage/accounts';
import { listApplications, SCAN_BOUND } from '@/lib/vonage/applications';
import type { ReadOp } from './pipeline';

/** One page of a workspace's accounts, from Vonage (GET /api/workspaces/{ws}/accounts). */
export const accountList: ReadOp<undefined, typeof accountListQuerySchema, AccountPage> = {
  name: 'accounts.list',
  action: 'read',
  query: accountListQuerySchema,
  run: ({ workspace, query }) => listAccounts(workspace, query),
};

/** One account, read from Vonage (the index follows); an RCS agent (no single read upstream) comes from the index. */
export const accountDetail: ReadOp<typeof accountPathSchema, undefined, Account> = {
  name: 'accounts.detail',
  action: 'read',
  params: accountPathSchema,
  run: ({ workspace, params }) => accountForView(workspace, params.provider, params.externalId),
};

/**
 * A page of applications from Vonage (GET /api/workspaces/{ws}/applications). `all=true` past the scan bound
 * adds the applications only the index knows, so every name in the accounts list resolves.
 */
export const applicationList: ReadOp<undefined, typeof applicationListQuerySchema, ApplicationPage> = {
  name: 'applications.list',
  action: 'read',
  query: applicationListQuerySchema,
  run: async ({ workspace, query }) => {
    const page = await listApplications(workspace, query);
    if (!query.all || page.items.length < SCAN_BOUND) return page;
    const beyond = await indexedApplicationsBeyond(workspace.id, new Set(page.items.map((a) => a.id)));
    const items = [...page.items, ...(query.capability ? beyond.filter((a) => a.messages) : beyond)];
    return { ...page, items, pageSize: items.length, totalItems: items.length };
  },
};
