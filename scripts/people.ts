/*
 * `npm run people -- invite <email> <role> [workspace]`: prints a one-time
 * invitation link (valid 72 hours) from a shell, for when the console's own
 * People page is not reachable yet. Reads the same settings as the console
 * (CONSOLE_CONFIG or VONAGE_*, DATABASE_URL or CONSOLE_DATA_DIR, NEXTAUTH_URL
 * for the link); with none set and a demo folder present, the demo's. The
 * embedded store opens in one process at a time: stop the console first, or
 * use DATABASE_URL. Run with the react-server condition (see package.json).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { createInvitation, INVITATION_HOURS } from '@/lib/auth/invitations';
import { findPerson } from '@/lib/auth/people';
import { getConfig } from '@/lib/config/load';
import { store } from '@/lib/db/client';
import { invitationSchema } from '@/lib/schemas/people';
import { isCustomerRole } from '@/lib/schemas/roles';

const USAGE =
  'Usage: npm run people -- invite <email> <role> [workspace]\n  roles: admin, support, viewer, customer, customer-viewer (the last two need a workspace)';

async function main(argv: string[]): Promise<number> {
  const [command, email, role, workspace] = argv;
  if (command !== 'invite' || !email || !role) {
    console.error(USAGE);
    return 2;
  }
  if (!process.env.CONSOLE_CONFIG && !process.env.VONAGE_API_KEY && existsSync('.data/demo/console.json')) {
    process.env.CONSOLE_CONFIG = '.data/demo/console.json';
    process.env.CONSOLE_DATA_DIR ??= '.data/demo';
    process.env.NEXTAUTH_URL ??= 'http://127.0.0.1:3000';
  }
  const parsed = invitationSchema.safeParse({ email, role, ...(workspace ? { workspace } : {}) });
  if (!parsed.success) {
    console.error(`people: ${z.prettifyError(parsed.error)}\n${USAGE}`);
    return 2;
  }
  const input = parsed.data;
  if (isCustomerRole(input.role) !== Boolean(input.workspace)) {
    console.error('people: a customer role needs a workspace; staff roles take none');
    return 2;
  }
  if (input.workspace && !getConfig().workspaces.has(input.workspace)) {
    console.error(`people: no workspace ${input.workspace} (there are: ${[...getConfig().workspaces.keys()].join(', ')})`);
    return 2;
  }
  if (await findPerson(input.email)) {
    console.error(`people: ${input.email} may sign in already`);
    return 1;
  }
  const { link } = await createInvitation({
    kind: 'invitation',
    email: input.email,
    role: input.role,
    workspace: input.workspace ?? null,
    invitedBy: null,
  });
  console.log(
    `Invitation for ${input.email} as ${input.role}${input.workspace ? ` of ${input.workspace}` : ''}, valid ${INVITATION_HOURS} hours, once:\n${link}`,
  );
  return 0;
}

main(process.argv.slice(2))
  .then(async (code) => {
    // Exit code 2 (usage) comes before the store was opened.
    if (code !== 2) await (await store()).close().catch(() => {});
    process.exit(code);
  })
  .catch((e: unknown) => {
    console.error(`people: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
