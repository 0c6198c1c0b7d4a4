/*
 * The console's import boundaries (README, "Layout"):
 * - browser code never reaches the server-only folders, which hold credentials;
 * - lib/vonage (the one upstream client) depends on nothing above it;
 * - the simulator shares nothing with the console but the published API;
 * - inside the console, modules import each other through the one alias `@/`
 *   (never `../`), so that these rules see every import as it is.
 * A test (lib/__tests__/boundaries.test.ts) shows that a wrong import fails `npm run lint`.
 */
const SERVER_ONLY = /^@\/lib\/(vonage|bff|auth|config|db|log|env|metrics|lifecycle)(\/|$)/.source;
const serverOnlyMessage =
  'Browser code may not import server-only modules (lib/vonage, bff, auth, config, db, log, env, metrics, lifecycle).';
const PARENT = { regex: /^\.\.\//.source, message: 'Import through the `@/` alias, not `../`.' };

const CONSOLE = ['app/**', 'components/**', 'lib/**'];
const TESTS = ['**/__tests__/**'];
/** Folders whose modules end up in the browser bundle. */
const BROWSER = [
  'components/**',
  'lib/queries/**',
  'lib/forms/**',
  'lib/schemas/**',
  'lib/paths.ts',
  'lib/auth-client.ts',
  'app/**/_components/**',
];

// A later entry replaces an earlier one's options for the files it names: each carries every pattern that applies.
const restrict = (files, patterns, ignores = TESTS) => ({ files, ignores, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export const boundaries = [
  restrict(CONSOLE, [PARENT]),
  restrict(BROWSER, [PARENT, { regex: SERVER_ONLY, message: serverOnlyMessage }]),
  restrict(
    ['lib/vonage/**'],
    [
      PARENT,
      {
        regex: /^@\/(lib\/(bff|queries|forms)|app)(\/|$)/.source,
        message: 'lib/vonage sits below the BFF: it may not import lib/bff, lib/queries, lib/forms or app.',
      },
    ],
  ),
  restrict(
    ['simulator/**', 'idp/**'],
    [
      { regex: /^@\//.source, message: 'The simulator and the demo identity provider share nothing with the console.' },
      {
        regex: /^(\.\.\/)+(lib|app|components|scripts|tests|e2e|simulator|idp)(\/|$)/.source,
        message: 'The simulator and the demo identity provider share nothing with the console.',
      },
    ],
    [],
  ),
];

/** In any file marked 'use client', the same server-only modules are refused, wherever the file lives. */
export const serverOnlyInClientFiles = {
  meta: { type: 'problem', schema: [], messages: { refused: serverOnlyMessage } },
  create(context) {
    let client = false;
    const pattern = new RegExp(SERVER_ONLY);
    return {
      Program(node) {
        client = node.body.some((s) => s.type === 'ExpressionStatement' && s.directive === 'use client');
      },
      ImportDeclaration(node) {
        if (client && pattern.test(String(node.source.value))) context.report({ node, messageId: 'refused' });
      },
    };
  },
};
