// Mutation testing of the unit project (`npm run mutation` runs it once per folder; see scripts/mutation.mjs).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'vitest',
  // `related`: a mutant in module-level code (a static mutant) runs only the tests that import its file.
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  ignorePatterns: ['.next', '.data', '.stryker-tmp*', 'reports', 'bench/results', 'test-results', 'playwright-report', 'e2e', 'docs'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

export default config;
