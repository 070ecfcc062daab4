// The import layers of layers.config.js, proved to bite: each line is a source file that breaks
// (or keeps) a rule, linted through the ESLint Node API under the project's own config.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [file: string, importFrom: string, allowed: boolean][] = [
  ['src/math/x.ts', './logSnr', true],
  ['src/math/x.ts', '@tensorflow/tfjs-core', false],
  ['src/math/x.ts', '../model/unet', false],
  ['src/math/x.ts', '../worker/client', false],
  ['src/math/x.ts', '../ui/urlState', false],
  ['src/math/x.ts', 'react', false],
  ['src/model/x.ts', '../math/logSnr', true],
  ['src/model/x.ts', '@tensorflow/tfjs-core', true],
  ['src/model/x.ts', '../worker/protocol', false],
  ['src/model/x.ts', '../ui/specs', false],
  ['src/worker/x.ts', '../model/unet', true],
  ['src/worker/x.ts', '../math/samplers', true],
  ['src/worker/x.ts', '../ui/testHooks', false],
  ['src/ui/x.ts', '../worker/client', true],
  ['src/ui/x.ts', '../worker/protocol', false],
  ['src/ui/sampler/x.ts', '../../worker/modelWorker', false],
  ['src/ui/sampler/x.ts', '../../worker/spectrumClient', true],
  ['src/ui/sampler/x.ts', '@tensorflow/tfjs-core', false],
  ['src/ui/sampler/x.ts', '../../model/unet', false],
  ['src/ui/sampler/x.ts', '../lab/labModel', false],
  ['src/ui/sampler/x.ts', '../controls/Value', true],
  ['src/ui/sampler/x.ts', '../specs', true],
  ['src/ui/lab/x.ts', '../explorer/Readouts', false],
  ['src/ui/explorer/x.ts', '../sampler/SamplerPanel', false],
  ['src/ui/controls/x.ts', '../lab/labModel', false],
  ['src/ui/specs.ts', './lab/labModel', false],
  ['src/ui/App.tsx', './lab/ScheduleLab', true],
  ['src/ui/i18n/x.ts', '../explorer/Explorer', false],
  ['src/ui/lesson/x.tsx', '../sampler/SamplerPanel', false],
  ['src/ui/embed/x.ts', '../lab/labModel', false],
  ['src/ui/explorer/x.ts', '../i18n/i18n', true],
  ['src/ui/i18n/x.ts', '@tensorflow/tfjs-core', false],
  ['src/ui/x.ts', '../../test/unit/model/fixtures', false],
  ['bench/x.ts', '../test/unit/model/fixtures', false],
  ['bench/x.ts', '../tools/folderSource', true],
];

describe('test hooks (window.__snrlab) only through src/ui/testHooks.ts', () => {
  it.each([
    ['src/ui/sampler/x.ts', false],
    ['src/worker/x.ts', false],
    ['src/ui/testHooks.ts', true],
  ])(
    '%s writing window.__snrlab: allowed = %s',
    async (file, allowed) => {
      const [result] = await eslint.lintText('window.__snrlab = undefined;\n', { filePath: file });
      const messages = result.messages.filter((m) => m.ruleId === 'no-restricted-properties');
      expect(messages.length === 0).toBe(allowed);
    },
    60_000,
  );
});

describe('import layers (eslint no-restricted-imports)', () => {
  it.each(cases)(
    '%s importing %s: allowed = %s',
    async (file, from, allowed) => {
      const messages = await restrictedImports(file, `import { x } from '${from}';\nexport const y = x;\n`);
      expect(messages.length === 0).toBe(allowed);
    },
    60_000,
  ); // the first lint loads the config and the TypeScript parser
});
