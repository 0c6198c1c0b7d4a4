import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

/*
 * E2E against the demo stack (simulator, demo identity provider, production console) on unusual
 * ports with its own data folder, so a foreign server is never tested by mistake.
 */
const port = Number(process.env.E2E_PORT ?? 3917);
const simulatorPort = Number(process.env.E2E_SIMULATOR_PORT ?? 4917);
const idpPort = Number(process.env.E2E_IDP_PORT ?? 4918);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  timeout: 30_000,
  use: {
    baseURL,
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] },
    // `npm run screenshots` only: the README's tour pictures.
    ...(process.env.SCREENSHOTS
      ? [{ name: 'tour', testMatch: /tour\.ts/, use: { ...devices['Desktop Chrome'] }, dependencies: ['setup'] }]
      : []),
  ],
  webServer: {
    command: 'node_modules/.bin/tsx scripts/demo.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    env: {
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      IDP_PORT: String(idpPort),
      CONSOLE_DATA_DIR: process.env.E2E_DATA_DIR ?? '.data/e2e',
      SIMULATOR_QUIET: '1',
      LOG_LEVEL: 'warn',
      // Short enough that the 504 and circuit-breaker journeys run in seconds.
      UPSTREAM_TIMEOUT_MS: '2500',
      BREAKER_OPEN_MS: '1000',
      // The whole run signs in from 127.0.0.1, and the people and sessions specs alone make some 25 attempts in a
      // minute (six of them wrong on purpose): above the default 30 a minute per client once the rest join in. The
      // per-client limit itself is tested in integration (tests/integration); here it must not refuse the tests.
      SIGNIN_PER_CLIENT_PER_MINUTE: '600',
    },
  },
});
