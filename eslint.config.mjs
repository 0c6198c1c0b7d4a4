import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';
import { boundaries, serverOnlyInClientFiles } from './eslint.boundaries.mjs';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      '.stryker-tmp/**',
      'reports/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  // Typed rules: a promise is awaited, handled or marked `void`, and never handed where a plain function is expected.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  // Imports flow one way, held by lint (docs/architecture in README "Layout").
  ...boundaries,
  { plugins: { console: { rules: { 'server-only-in-client-files': serverOnlyInClientFiles } } } },
  {
    files: ['app/**/*.tsx', 'components/**/*.tsx', 'lib/**/*.ts', 'lib/**/*.tsx'],
    rules: { 'console/server-only-in-client-files': 'error' },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    // The cycle check follows the project's own modules only: parsing node_modules (PGlite's bundle) is slow and useless here.
    settings: { 'import/ignore': ['node_modules'] },
    rules: { 'import/no-cycle': ['error', { ignoreExternal: true }] },
  },
];

export default config;
