import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const root = import.meta.dirname;

/** Files in name order: stopping.test.ts stops and kills instances, so it runs after shared.test.ts. */
class ByName extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/*
 * `npm run test:cluster`: two production consoles behind nginx on one
 * PostgreSQL database (tests/cluster/setup.ts). Not one of the default
 * projects (vitest.config.ts): it needs a PostgreSQL server and nginx.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      'server-only': path.join(root, 'tests/support/server-only-stub.ts'),
    },
  },
  test: {
    name: 'cluster',
    include: ['tests/cluster/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/cluster/setup.ts'],
    // One cluster for all files, and files that stop its instances: one at a time, in name order.
    fileParallelism: false,
    sequence: { sequencer: ByName },
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});
