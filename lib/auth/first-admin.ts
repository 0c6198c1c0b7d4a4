import 'server-only';
import { createInvitation, FIRST_ADMIN_HOURS } from './invitations';
import { anAdminExists } from './people';

/**
 * With no admin (none in the config file, none in the store), the server
 * prints once at start a one-time link that makes the first admin, as
 * self-hosted tools do on first run. The link works for an hour, once.
 */
export async function offerFirstAdmin(print: (text: string) => void = (t) => process.stdout.write(t)): Promise<string | null> {
  if (await anAdminExists()) return null;
  const { link } = await createInvitation({ kind: 'first-admin', email: null, role: 'admin', workspace: null, invitedBy: null });
  print(
    `\nNo admin can sign in yet. Open this link within ${FIRST_ADMIN_HOURS} hour to make the first admin (it works once):\n` +
      `FIRST_ADMIN_LINK ${link}\n` +
      'Restart the console for a new link, or make one with: npm run people -- invite <email> admin\n\n',
  );
  return link;
}
