import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate`: SQL migrations from lib/db/schema.ts, committed and run at start on both engines. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema.ts',
  out: './lib/db/migrations',
});
