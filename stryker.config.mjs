// Mutation testing of the unit project (`npm run mutation` runs it once per folder; see scripts/mutation.mjs).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 2),
  timeoutMS: 10_000,
  ignorePatterns: ['.next', '.data', 'reports', 'bench/results', 'test-results', 'playwright-report', 'e2e', 'docs'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // A static mutant (module-level code) runs every test that imports the file, which `related` keeps few.
  ignoreStatic: false,
};
