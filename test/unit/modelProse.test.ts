// A model's facts come from public/models/index.json (written by train/models_index.py); its one
// line of prose is a translation keyed by its name. This keeps the two lists equal: a model added
// without prose, or prose left behind for a model that is gone, fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { zh } from '../../src/ui/i18n/zh';
import { parseModelIndex } from '../../src/ui/sampler/modelIndex';

const indexed = parseModelIndex(readFileSync('public/models/index.json', 'utf8'))
  .models.map((model) => model.name)
  .sort();

describe('model prose', () => {
  for (const [language, resource] of [
    ['English', en],
    ['Chinese', zh],
  ] as const) {
    it(`${language} has a summary for exactly the models the index lists`, () => {
      const summaries: Record<string, string> = resource.models.summaries;
      expect(Object.keys(summaries).sort()).toEqual(indexed);
      for (const name of indexed) expect(summaries[name].trim(), name).not.toBe('');
    });
  }
});
