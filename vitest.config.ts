import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const resolve = {
  alias: {
    '@': root,
    // Outside Next's server bundle 'server-only' would throw; tests import server code directly.
    'server-only': path.join(root, 'tests/support/server-only-stub.ts'),
  },
};

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          env: { LOG_LEVEL: 'silent' },
          include: [
            'lib/**/__tests__/**/*.test.ts',
            'app/**/__tests__/**/*.test.ts',
            'components/**/__tests__/**/*.test.ts',
            'simulator/__tests__/**/*.test.ts',
            'idp/__tests__/**/*.test.ts',
            'scripts/__tests__/**/*.test.ts',
            'bench/__tests__/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 20_000,
          // A simulator file's beforeAll makes three RSA keys and loads the OpenAPI files: slow on a busy machine.
          hookTimeout: 30_000,
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          // One simulator and one console for all files: their request log and faults are shared.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
