import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/db/client';
import { ROOT, startConsoleProcess } from '../../scripts/stack';
import { signIn } from '../../scripts/session';
import { freshPostgresDatabase, postgresUnavailable } from '../support/databases';
import { stack } from '../support/api';

/*
 * A console of its own on each engine (the shared one runs on PGlite): its
 * activity survives a restart, `npm run activity:verify` says the chains are
 * whole, and names the event changed by hand in SQL.
 */
type Engine = {
  name: string;
  unavailable: string | null;
  settings: () => Promise<{ env: Record<string, string>; drop: () => Promise<void> }>;
};

const engines: Engine[] = [
  {
    name: 'PGlite',
    unavailable: null,
    settings: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'console-data-'));
      return { env: { CONSOLE_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    unavailable: postgresUnavailable,
    settings: async () => {
      const db = await freshPostgresDatabase();
      return { env: { DATABASE_URL: db.url, CONSOLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'console-data-')) }, drop: db.drop };
    },
  },
];

function verify(env: Record<string, string>) {
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/activity-verify.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe.each(engines)('the store on $name', ({ unavailable, settings }) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  const files = () => {
    const dir = stack().dataDir;
    return {
      configFile: path.join(dir, 'console.json'),
      tenantsFile: path.join(dir, 'tenants.json'),
      nextauthSecret: stack().secrets.nextauthSecret,
    };
  };
  const port = 41000 + Math.floor(Math.random() * 2000);
  const start = () => startConsoleProcess({ port, files: files(), env: { ...env, LOG_LEVEL: 'warn' } });

  beforeAll(async () => {
    if (unavailable) return;
    ({ env, drop } = await settings());
  });
  afterAll(async () => {
    if (!unavailable) await drop();
  });

  it.skipIf(unavailable)(
    'activity survives a restart; activity:verify finds it whole, then names the event changed in SQL',
    async () => {
      let consoleProc = await start();
      const cookie = await signIn(consoleProc.url, 'support@demo.test');
      const ready = await fetch(`${consoleProc.url}/api/ready`);
      expect(ready.status).toBe(200);
      const link = await fetch(`${consoleProc.url}/api/workspaces/globex/accounts/whatsapp/447700900101/applications`, {
        method: 'POST',
        headers: { cookie, 'x-csrf': '1', 'content-type': 'application/json' },
        body: JSON.stringify({ applicationId: '6a2b1f7e-1c1d-4e0a-9b4e-0d7c1b2a3f4e' }),
      });
      const requestId = link.headers.get('x-request-id');
      // While the console holds an embedded store, the command refuses to open it.
      if (!env.DATABASE_URL) expect(verify(env)).toMatchObject({ code: 2, out: expect.stringMatching(/in use by process/) });

      consoleProc.child.kill('SIGTERM');
      await new Promise((r) => consoleProc.child.once('exit', r));
      consoleProc = await start();
      const again = await signIn(consoleProc.url, 'support@demo.test');
      const activity = (await (
        await fetch(`${consoleProc.url}/api/workspaces/globex/activity`, { headers: { cookie: again } })
      ).json()) as {
        items: { requestId: string; action: string }[];
      };
      expect(activity.items.find((e) => e.requestId === requestId)).toMatchObject({ action: 'account.link' });
      consoleProc.child.kill('SIGTERM');
      await new Promise((r) => consoleProc.child.once('exit', r));

      const whole = verify(env);
      expect(whole.out).toMatch(/globex: \d+ events?, whole/);
      expect(whole.code).toBe(0);

      const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.CONSOLE_DATA_DIR! });
      await store.db.transaction(async (tx) => {
        await tx.execute(sql`ALTER TABLE activity_events DISABLE TRIGGER activity_events_append_only`);
        await tx.execute(sql`UPDATE activity_events SET user_agent = 'tampered' WHERE request_id = ${requestId}`);
        await tx.execute(sql`ALTER TABLE activity_events ENABLE TRIGGER activity_events_append_only`);
      });
      const found = (await store.db.execute(sql`SELECT id FROM activity_events WHERE request_id = ${requestId}`)) as unknown as {
        rows: { id: string }[];
      };
      await store.close();
      const broken = verify(env);
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`globex: BROKEN at event ${found.rows[0]?.id}`);
    },
    120_000,
  );
});
