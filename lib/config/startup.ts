import 'server-only';
import { env } from '@/lib/env';
import { getConfig } from './load';
import { log } from '@/lib/log';

export function checkConfigAtStart(): void {
  try {
    env();
    const cfg = getConfig();
    log('info', 'config loaded', { workspaces: [...cfg.workspaces.keys()], users: cfg.users.size, demo: cfg.demo });
  } catch (e) {
    process.stderr.write(`Console config error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  if (!env().NEXTAUTH_SECRET) {
    process.stderr.write('Console config error: NEXTAUTH_SECRET is not set\n');
    process.exit(1);
  }
}
