import { json, notAllowed, route } from '@/lib/bff/handler';
import { log } from '@/lib/log';
import { reread } from '@/lib/index/reread';
import { indexStatus } from '@/lib/index/status';

export const dynamic = 'force-dynamic';

/**
 * "Refresh now": starts a whole re-read of the workspace and answers 202 at
 * once (GET …/index says when it is done). It changes nothing at Vonage, so
 * whoever may see the workspace may ask for it; it is recorded all the same.
 */
export const POST = route({ action: 'read', activity: 'index.refresh' }, async ({ workspace, note }) => {
  note({ target: { kind: 'index', id: workspace.id } });
  void reread(workspace).catch((e: unknown) =>
    log('error', 'index re-read failed', { workspace: workspace.id, error: e instanceof Error ? e.message : String(e) }),
  );
  return json({ ...(await indexStatus(workspace.id)), running: true }, 202);
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed(['POST']);
