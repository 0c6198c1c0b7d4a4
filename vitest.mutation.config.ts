import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// Stryker's vitest runner has no project option: this is the `unit` project alone, as a config of its own.
const unit = base.test?.projects?.find((project) => typeof project === 'object' && 'test' in project && project.test?.name === 'unit');
if (typeof unit !== 'object' || !('test' in unit)) throw new Error('vitest.config.ts has no unit project');

export default defineConfig({ resolve: base.resolve, test: { ...unit.test, name: undefined } });
