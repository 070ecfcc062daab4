import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  askLabels,
  askPair,
  guidanceApplies,
  guidanceWeight,
  labelFallbacks,
  modelLabels,
  pairLabels,
} from '../../src/ui/sampler/conditioning';
import { parseModelIndex } from '../../src/ui/sampler/modelIndex';
import { DEFAULT_STATE, type AppState } from '../../src/ui/urlState';
import type { ModelFacts } from '../../src/worker/client';

const LABELS = {
  category: ['smileys', 'people', 'animals', 'food', 'travel', 'activities', 'objects', 'symbols', 'flags'],
  vendor: ['google', 'twitter'],
};
const state = (patch: Partial<AppState> = {}): AppState => ({ ...DEFAULT_STATE, ...patch });
const ENTRY = parseModelIndex(
  JSON.stringify({
    models: [
      {
        name: 'emoji64',
        path: './models/emoji64/',
        imageSize: 64,
        trainingSchedule: { name: 'cosine', logsnr_min: -15, logsnr_max: 15, shift: 0 },
        swd: null,
        bytes: 1,
        classes: LABELS.category,
        vendors: LABELS.vendor,
        guidance: { default: 3 },
      },
    ],
    default: 'emoji64',
    compare: [],
    replaced: {},
  }),
).models[0];

describe('what a sample asks a conditional model', () => {
  it('class=random (the default): a class per sample, drawn from the seed, captioned by name', () => {
    const asked = askLabels(state({ seed: 7 }), LABELS, 3, 16);
    const rows = asked.conditioning.labels!.category;
    expect(rows).toHaveLength(16);
    expect(rows.every((row) => row >= 1 && row <= 9)).toBe(true);
    expect(new Set(rows).size).toBeGreaterThan(3);
    expect(asked.drawn).toEqual(rows.map((row) => LABELS.category[row - 1]));
    expect(asked.conditioning.labels!.vendor).toEqual(new Array(16).fill(0));
    expect(asked.conditioning.guidance).toBe(3);
    // The same seed asks the same classes; another seed others; a batch of 4 is the first 4 of 16.
    expect(askLabels(state({ seed: 7 }), LABELS, 3, 16)).toEqual(asked);
    expect(askLabels(state({ seed: 8 }), LABELS, 3, 16).conditioning.labels!.category).not.toEqual(rows);
    expect(askLabels(state({ seed: 7 }), LABELS, 3, 4).conditioning.labels!.category).toEqual(rows.slice(0, 4));
  });

  it("class=random draws among the index's randomClasses (its clearest classes), else among all", () => {
    const clearest = ['smileys', 'people', 'flags'];
    const asked = askLabels(state({ seed: 7 }), LABELS, 3, 64, clearest);
    expect(new Set(asked.drawn)).toEqual(new Set(clearest));
    // none of the names in the labels (another model's list): every class, the draws of no list
    expect(askLabels(state({ seed: 7 }), LABELS, 3, 16, ['unicorns'])).toEqual(
      askLabels(state({ seed: 7 }), LABELS, 3, 16),
    );
    // a named class is asked as named, whatever the list
    expect(askLabels(state({ class: 'animals' }), LABELS, 3, 4, clearest).conditioning.labels!.category).toEqual([
      3, 3, 3, 3,
    ]);
  });

  it('a named class and vendor: the same table rows for every sample, no captions', () => {
    const asked = askLabels(state({ class: 'flags', vendor: 'twitter' }), LABELS, 2, 3);
    expect(asked).toEqual({
      conditioning: { labels: { category: [9, 9, 9], vendor: [2, 2, 2] }, guidance: 2 },
      drawn: null,
    });
  });

  it('class=any and vendor=any: every row 0 (unconditional)', () => {
    const asked = askLabels(state({ class: 'any' }), LABELS, 3, 2);
    expect(asked.conditioning.labels).toEqual({ category: [0, 0], vendor: [0, 0] });
    expect(asked.drawn).toBeNull();
    expect(guidanceApplies(state({ class: 'any' }))).toBe(false);
    expect(guidanceApplies(state({ class: 'any', vendor: 'google' }))).toBe(true);
    expect(guidanceApplies(state())).toBe(true);
  });

  it('an unconditional model (or compare mode) asks nothing, at w = 1', () => {
    expect(askLabels(state({ class: 'flags' }), null, 3, 2)).toEqual({ conditioning: { guidance: 1 }, drawn: null });
    expect(askLabels(state(), { category: [], vendor: [] }, 3, 2).conditioning).toEqual({ guidance: 1 });
  });

  it('guidance: the link’s w, or the index’s default for the model', () => {
    expect(guidanceWeight(state(), ENTRY)).toBe(3);
    expect(guidanceWeight(state({ guidance: 0 }), ENTRY)).toBe(0);
  });

  it('labels: the loaded manifest’s win over the index’s', () => {
    expect(modelLabels(ENTRY, null)).toEqual(LABELS);
    const facts = { labels: { category: ['smileys'], vendor: [] } } as unknown as ModelFacts;
    expect(modelLabels(ENTRY, facts)).toEqual({ category: ['smileys'], vendor: [] });
    expect(modelLabels(ENTRY, { labels: null } as unknown as ModelFacts)).toEqual({ category: [], vendor: [] });
  });

  it('a class or vendor the model does not have falls back to the default with a notice', () => {
    expect(labelFallbacks({ class: 'flags', vendor: 'google' }, LABELS)).toEqual({ notices: [], patch: {} });
    expect(labelFallbacks({ class: 'any', vendor: 'any' }, LABELS).notices).toEqual([]);
    const bad = labelFallbacks({ class: 'dinosaurs', vendor: 'apple' }, LABELS);
    expect(bad.patch).toEqual({ class: 'random', vendor: 'any' });
    expect(bad.notices).toEqual([
      '“dinosaurs” is not a valid class; using random.',
      '“apple” is not a valid vendor; using any.',
    ]);
    // A label the model is not conditioned on is not checked (its control is hidden).
    expect(labelFallbacks({ class: 'dinosaurs', vendor: 'apple' }, { category: [], vendor: [] }).notices).toEqual([]);
  });

  it('compare mode: an unconditional pair asks nothing; a conditional one asks both columns the same', () => {
    const plain = { ...ENTRY, name: 'a', classes: [], vendors: [], randomClasses: [] };
    expect(pairLabels([plain, { ...plain, name: 'b' }])).toBeNull();
    expect(askPair(state({ class: 'flags' }), [plain, { ...plain, name: 'b' }], 4)).toEqual(
      askLabels(state({ class: 'flags' }), null, 1, 4),
    );
    // one conditional, one not; or conditional on different names: unconditional, as before
    expect(pairLabels([ENTRY, plain])).toBeNull();
    expect(pairLabels([ENTRY, { ...ENTRY, classes: LABELS.category.slice(0, 3) }])).toBeNull();
    // both conditional on the same names: the labels, the first model's w, random classes drawn
    // among those both found clear
    const cosine = { ...ENTRY, name: 'c', vendors: [], randomClasses: ['smileys', 'people', 'flags'] };
    const shifted = { ...ENTRY, name: 's', vendors: [], defaultGuidance: 2, randomClasses: ['people', 'flags'] };
    expect(pairLabels([cosine, shifted])).toEqual({ category: LABELS.category, vendor: [] });
    const asked = askPair(state({ seed: 5 }), [cosine, shifted], 64);
    expect(asked.conditioning.guidance).toBe(3);
    expect(new Set(asked.drawn)).toEqual(new Set(['people', 'flags']));
    expect(asked).toEqual(
      askLabels(state({ seed: 5 }), { category: LABELS.category, vendor: [] }, 3, 64, ['people', 'flags']),
    );
    expect(askPair(state({ guidance: 1.5 }), [cosine, shifted], 2).conditioning.guidance).toBe(1.5);
  });

  it("the pair's recorded random grid was asked as compare mode asks the shipped pair", () => {
    // train.studies.pair_random_grid draws with numpy's RNG, not the app's stream, so what must
    // agree is the rule: the classes drawn from and the w. A new index (a class left out, another
    // default w) makes this fail until the grid is drawn again and looked at.
    const index = parseModelIndex(readFileSync('public/models/index.json', 'utf8'));
    const study = JSON.parse(readFileSync('docs/model128/cond/pair_random_w4.json', 'utf8')) as {
      w: number;
      drawn_from: string[];
      asked: string[];
    };
    const byName = (name: string) => index.models.find((entry) => entry.name === name)!;
    const pair = [byName(index.compare[0]), byName(index.compare[1])] as const;
    const asked = askPair(state({ class: 'random', guidance: 'default' }), pair, 256);
    expect(asked.conditioning.guidance).toBe(study.w);
    expect([...new Set(asked.drawn)].sort()).toEqual([...study.drawn_from].sort());
    expect(new Set(study.asked)).toEqual(new Set(study.drawn_from));
  });
});
