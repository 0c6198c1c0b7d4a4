import 'server-only';
import { getConfig, type User, type Workspace } from '@/lib/config/load';
import { log } from '@/lib/log';
import { isCustomerRole, mayChangeAccounts } from '@/lib/schemas/roles';
import { HttpError } from './problem';

export type Action = 'read' | 'write';

export function visibleWorkspaces(user: User): Workspace[] {
  const all = [...getConfig().workspaces.values()];
  return isCustomerRole(user.role) ? all.filter((w) => w.id === user.workspace) : all;
}

/** A workspace the user may not see answers 404, as if it did not exist. */
export function workspaceFor(user: User, id: string): Workspace {
  const ws = getConfig().workspaces.get(id);
  if (!ws || (isCustomerRole(user.role) && user.workspace !== id))
    throw new HttpError(404, 'Workspace not found', 'No such workspace, or you may not see it.');
  return ws;
}

export function may(user: User, action: Action): boolean {
  return action === 'read' || mayChangeAccounts(user.role);
}

export function requirePermission(user: User, action: Action): void {
  if (may(user, action)) return;
  log('warn', 'denied', { role: user.role, action });
  throw new HttpError(403, 'Not allowed', 'Your role may look but not change anything.');
}
