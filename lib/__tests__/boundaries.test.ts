import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..', '..');
// The project's own lint config, as `npm run lint` runs it, without the typed rules (not what is tested here).
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    // Typed rules need the type checker, and import/no-cycle the files on disk: neither is what is tested here.
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off', 'import/no-cycle': 'off' },
  },
});

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('import boundaries held by `npm run lint`', () => {
  it.each([
    ['components/ui/fancy.tsx', "import { vonageFetch } from '@/lib/vonage/client';"],
    ['lib/queries/fancy.ts', "import { route } from '@/lib/bff/handler';"],
    ['lib/schemas/fancy.ts', "import { getConfig } from '@/lib/config/load';"],
    ['app/(console)/w/[ws]/accounts/_components/fancy.tsx', "import { log } from '@/lib/log';"],
    ['components/layout/fancy.tsx', "import { env } from '@/lib/env';"],
  ])('browser code %s may not import a server-only module', async (file, code) => {
    expect(await ruleIds(file, `${code}\nexport const x = 1;\n`)).toContain('no-restricted-imports');
  });

  it("a file marked 'use client' may not either, wherever it lives", async () => {
    const ids = await ruleIds(
      'app/signin/fancy.tsx',
      "'use client';\nimport { authOptions } from '@/lib/auth/options';\nexport const x = authOptions;\n",
    );
    expect(ids).toContain('console/server-only-in-client-files');
  });

  it('lib/vonage may not import the BFF, queries, forms or app', async () => {
    expect(await ruleIds('lib/vonage/fancy.ts', "import { HttpError } from '@/lib/bff/problem';\nexport const x = HttpError;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('lib/vonage/fancy.ts', "import { keys } from '@/lib/queries/accounts';\nexport const x = keys;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('inside the console, `../` is refused: every import goes through `@/`, where the rules above see it', async () => {
    expect(await ruleIds('lib/schemas/fancy.ts', "import { getConfig } from '../config/load';\nexport const x = getConfig;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('the simulator imports nothing of the console', async () => {
    expect(await ruleIds('simulator/fancy.ts', "import { log } from '@/lib/log';\nexport const x = log;\n")).toContain(
      'no-restricted-imports',
    );
    expect(await ruleIds('simulator/fancy.ts', "import { paths } from '../lib/paths';\nexport const x = paths;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('the demo identity provider imports nothing of the console', async () => {
    for (const source of [
      "import { log } from '@/lib/log';",
      "import { getConfig } from '../lib/config/load';",
      "import { x } from '../simulator/store';",
    ])
      expect(await ruleIds('idp/fancy.ts', `${source}\nexport const y = 1;\n`)).toContain('no-restricted-imports');
  });

  it('allowed imports pass: a page may use the BFF, browser code the shared schemas', async () => {
    expect(
      await ruleIds('app/(console)/w/[ws]/fancy/page.tsx', "import { may } from '@/lib/bff/access';\nexport const x = may;\n"),
    ).not.toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'components/ui/fancy.tsx',
        "import { paths } from '@/lib/paths';\nimport { accountSchema } from '@/lib/schemas/account';\nexport const x = [paths, accountSchema];\n",
      ),
    ).toEqual([]);
  });
});
