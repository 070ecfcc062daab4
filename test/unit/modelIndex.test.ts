import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAIN_COSINE } from '../../src/math/samplingGrid';
import {
  chooseModel,
  compareModels,
  compareRefusal,
  FALLBACK_INDEX,
  formatSwd,
  indexMismatch,
  ModelIndexError,
  parseModelIndex,
  type ModelIndex,
} from '../../src/ui/sampler/modelIndex';
import type { ModelFacts } from '../../src/worker/client';

const SHIFT_128 = 2 * Math.log(64 / 128);

const entry = (name: string, imageSize: number, shift: number, swd: unknown = null) => ({
  name,
  path: `./models/${name}/`,
  imageSize,
  trainingSchedule: { name: 'cosine', logsnr_min: -15, logsnr_max: 15, shift },
  swd,
  bytes: 5201824,
});

const VALID = {
  models: [
    entry('emoji64', 64, 0, { steps: 25, average: 66, floor: 22 }),
    entry('emoji128-cosine', 128, 0),
    entry('emoji128-shifted', 128, SHIFT_128),
  ],
  default: 'emoji64',
  compare: ['emoji128-cosine', 'emoji128-shifted'],
};

const parse = (value: unknown) => parseModelIndex(JSON.stringify(value));
const withChange = (change: (index: typeof VALID & Record<string, unknown>) => void) => {
  const copy = structuredClone(VALID) as typeof VALID & Record<string, unknown>;
  change(copy);
  return copy;
};

const facts = (imageSize: number, shift: number | null): ModelFacts => ({
  url: 'http://localhost/models/x/',
  imageSize,
  inChannels: 3,
  patchSize: imageSize / 32,
  paramCount: 2600912,
  schedule: shift === null ? null : { ...PLAIN_COSINE, shift },
  bytes: 5201824,
  labels: null,
});

describe('the models index', () => {
  it('reads a valid index, with the schedule in the app’s names and null SWD as not evaluated', () => {
    const index = parse(VALID);
    expect(index.default).toBe('emoji64');
    expect(index.compare).toEqual(['emoji128-cosine', 'emoji128-shifted']);
    expect(index.models[2].trainingSchedule).toEqual({
      name: 'cosine',
      logSnrMin: -15,
      logSnrMax: 15,
      shift: SHIFT_128,
    });
    expect(index.models[0].swd).toEqual({ steps: 25, average: 66, floor: 22, samples: null, bands: [] });
    expect(index.models[1].swd).toBeNull();
    expect(formatSwd(index.models[1].swd)).toBe('not evaluated');
    expect(formatSwd(index.models[0].swd)).toBe('66.0 (25 steps; floor 22.0)');
  });

  it('the committed public/models/index.json parses, offers emoji64 first and compares the two 128 px models', () => {
    const index = parseModelIndex(readFileSync('public/models/index.json', 'utf8'));
    expect(index.default).toBe('emoji64');
    expect(index.models.map((model) => model.name)).toContain('emoji64');
    const pair = compareModels(index);
    expect('models' in pair && pair.models.map((model) => model.imageSize)).toEqual([128, 128]);
    const shifted = index.models.find((model) => model.name === 'emoji128w-shifted');
    expect(shifted?.trainingSchedule.shift).toBeCloseTo(SHIFT_128, 12);
  });

  const bad: [string, unknown, RegExp][] = [
    ['broken JSON', '{"models": [', /not valid JSON/],
    ['no models', { ...VALID, models: [] }, /non-empty list/],
    ['a model without a name', withChange((i) => delete (i.models[0] as Record<string, unknown>).name), /needs a name/],
    ['an upper-case name', withChange((i) => (i.models[0].name = 'Emoji64')), /needs a name/],
    ['a path to another origin', withChange((i) => (i.models[0].path = 'https://evil.example/m/')), /path/],
    ['a path out of models/', withChange((i) => (i.models[0].path = './models/../../x/')), /path/],
    ['a missing image size', withChange((i) => delete (i.models[1] as Record<string, unknown>).imageSize), /imageSize/],
    ['an image size not a power of two', withChange((i) => (i.models[1].imageSize = 100)), /power of two/],
    [
      'a missing schedule',
      withChange((i) => delete (i.models[1] as Record<string, unknown>).trainingSchedule),
      /trainingSchedule/,
    ],
    [
      'an unknown schedule',
      withChange((i) => (i.models[1].trainingSchedule.name = 'sigmoid')),
      /not one the app knows/,
    ],
    [
      'a shift that is text',
      withChange((i) => ((i.models[2].trainingSchedule as Record<string, unknown>).shift = '-1.4')),
      /shift must be a number/,
    ],
    [
      'a range in the TypeScript spelling',
      withChange((i) => {
        const schedule = i.models[1].trainingSchedule as Record<string, unknown>;
        schedule.logSnrMin = schedule.logsnr_min;
        delete schedule.logsnr_min;
      }),
      /trainingSchedule: schedule\.logsnr_min must be a number/,
    ],
    ['an empty range', withChange((i) => (i.models[1].trainingSchedule.logsnr_max = -20)), /logsnr_min < logsnr_max/],
    ['a half SWD', withChange((i) => (i.models[0].swd = { steps: 25, average: 66 })), /swd\.floor/],
    [
      'a fractional sample count',
      withChange((i) => (i.models[0].swd = { steps: 25, average: 66, floor: 22, samples: 12.5 })),
      /swd\.samples must be a whole number/,
    ],
    ['missing bytes', withChange((i) => delete (i.models[0] as Record<string, unknown>).bytes), /bytes/],
    ['a name twice', withChange((i) => (i.models[1].name = 'emoji64')), /listed twice/],
    ['an unknown default', { ...VALID, default: 'emoji256' }, /“default” “emoji256” is not one of the listed models/],
    ['an unknown compared model', { ...VALID, compare: ['emoji64', 'emoji512'] }, /compared model “emoji512”/],
    ['one compared model', { ...VALID, compare: ['emoji64'] }, /two models/],
    ['the same model twice in compare', { ...VALID, compare: ['emoji64', 'emoji64'] }, /two different/],
    ['no compare list', withChange((i) => delete (i as Record<string, unknown>).compare), /two models/],
  ];
  for (const [what, value, message] of bad) {
    it(`refuses ${what} with a message that names it`, () => {
      const attempt = () => (typeof value === 'string' ? parseModelIndex(value) : parse(value));
      expect(attempt).toThrow(ModelIndexError);
      expect(attempt).toThrow(message);
    });
  }
});

describe('choosing models from the index', () => {
  const index: ModelIndex = parse(VALID);

  it('takes a listed name, and falls back to the default with a notice for an unknown one', () => {
    expect(chooseModel(index, 'emoji128-shifted')).toEqual({ entry: index.models[2], notice: null });
    const unknown = chooseModel(index, 'emoji999');
    expect(unknown.entry.name).toBe('emoji64');
    expect(unknown.notice).toMatch(/“emoji999”.*not in the models index; using emoji64/);
  });

  it('says how many samples an SWD was measured on where the index gives it', () => {
    const counted = parse(withChange((copy) => (copy.models[0].swd = { steps: 25, average: 66, floor: 22, samples: 2000 })));
    expect(counted.models[0].swd?.samples).toBe(2000);
    expect(formatSwd(counted.models[0].swd)).toBe('66.0 (25 steps, 2,000 samples; floor 22.0)');
  });

  it('reads per-band SWD, finest first, and names a malformed band', () => {
    const bands = [
      { size: 128, value: 60.5, floor: 18.4 },
      { size: 16, value: 30, floor: 38.6 },
    ];
    const banded = parse(withChange((copy) => (copy.models[1].swd = { steps: 25, average: 45, floor: 25, bands })));
    expect(banded.models[1].swd?.bands).toEqual(bands);
    const broken = withChange((copy) => (copy.models[1].swd = { steps: 25, average: 45, floor: 25, bands: [{ size: 12.5, value: 1, floor: 1 }] }));
    expect(() => parse(broken)).toThrow(/emoji128-cosine.*swd\.bands\[0\] needs an integer size/);
  });

  it('opens the successor of a replaced model, saying so, and refuses a "replaced" that points nowhere', () => {
    const renamed = parse({ ...VALID, replaced: { 'emoji128-old': 'emoji128-shifted' } });
    const old = chooseModel(renamed, 'emoji128-old');
    expect(old.entry.name).toBe('emoji128-shifted');
    expect(old.notice).toMatch(/“emoji128-old”.*replaced by emoji128-shifted/);
    expect(chooseModel(renamed, 'constructor').entry.name).toBe('emoji64');
    expect(() => parse({ ...VALID, replaced: { 'emoji128-old': 'emoji999' } })).toThrow(
      /successor of “emoji128-old” “emoji999” is not one of the listed models/,
    );
    expect(() => parse({ ...VALID, replaced: { emoji64: 'emoji128-shifted' } })).toThrow(/no longer listed/);
    expect(() => parse({ ...VALID, replaced: ['emoji64'] })).toThrow(/“replaced” must be an object/);
  });

  it('the fallback index (index.json missing) holds emoji64 alone and offers no comparison', () => {
    expect(chooseModel(FALLBACK_INDEX, 'emoji128-cosine').entry.name).toBe('emoji64');
    expect(compareModels(FALLBACK_INDEX)).toEqual({ reason: expect.stringMatching(/no two models/) });
  });

  it("the fallback's facts are the shipped index's own entry, not a copy kept by hand", () => {
    const shipped = parseModelIndex(readFileSync('public/models/index.json', 'utf8'));
    expect(FALLBACK_INDEX.models).toEqual([shipped.models.find((model) => model.name === shipped.default)]);
    expect(FALLBACK_INDEX.default).toBe(shipped.default);
  });

  it('refuses to compare models of two sizes, from the index and from the manifests', () => {
    const mixed = parse({ ...VALID, compare: ['emoji64', 'emoji128-cosine'] });
    expect(compareModels(mixed)).toEqual({ reason: expect.stringMatching(/64 px and emoji128-cosine 128 px/) });
    expect(compareRefusal(facts(128, 0), 'a', facts(128, SHIFT_128), 'b')).toBeNull();
    expect(compareRefusal(facts(128, 0), 'a', facts(64, 0), 'b')).toMatch(/one size.*a is 128 px, b 64 px/);
  });

  it('reports where the manifest disagrees with the index (the manifest wins)', () => {
    const shifted = index.models[2];
    expect(indexMismatch(shifted, facts(128, SHIFT_128))).toBeNull();
    expect(indexMismatch(shifted, facts(64, SHIFT_128))).toMatch(/says 64 px \(the index says 128\)/);
    expect(indexMismatch(shifted, facts(128, 0))).toMatch(
      /trained on cosine .* no shift \(the index says .*shifted by −1\.386/,
    );
    // No schedule in the manifest: the plain cosine is what samples.
    expect(indexMismatch(index.models[1], facts(128, null))).toBeNull();
  });
});

describe('a class-conditional model in the index', () => {
  const CLASSES = ['smileys', 'people', 'animals'];
  const conditional = withChange((i) =>
    Object.assign(i.models[0], { classes: CLASSES, vendors: ['google', 'twitter'], guidance: { default: 3 } }),
  );

  it('reads classes, vendors and the default guidance; models without them are unconditional at w = 1', () => {
    const index = parse(conditional);
    expect(index.models[0]).toMatchObject({ classes: CLASSES, vendors: ['google', 'twitter'], defaultGuidance: 3 });
    expect(index.models[1]).toMatchObject({ classes: [], vendors: [], defaultGuidance: 1, randomClasses: [] });
  });

  it('reads randomClasses, the classes class=random draws from, and refuses one not in classes', () => {
    const withList = withChange((i) =>
      Object.assign(i.models[0], { classes: CLASSES, randomClasses: ['people', 'smileys'] }),
    );
    expect(parse(withList).models[0].randomClasses).toEqual(['people', 'smileys']);
    const stray = withChange((i) => Object.assign(i.models[0], { classes: CLASSES, randomClasses: ['flags'] }));
    expect(() => parse(stray)).toThrow(/randomClasses names flags, not in “classes”/);
  });

  const bad: [string, (model: Record<string, unknown>) => void, RegExp][] = [
    ['classes that are not a list', (m) => (m.classes = 'smileys'), /“classes” must be a list of names/],
    ['a class name with capitals', (m) => (m.classes = ['Smileys']), /“classes” must be a list of names/],
    ['a class listed twice', (m) => (m.classes = ['people', 'people']), /“classes” lists a name twice/],
    ['a vendor that is a number', (m) => (m.vendors = [1]), /“vendors” must be a list of names/],
    ['guidance as a bare number', (m) => (m.guidance = 3), /“guidance” must be an object/],
    [
      'a guidance default past 8',
      (m) => (m.guidance = { default: 9 }),
      /guidance\.default must be a number from 0 to 8/,
    ],
    ['a guidance default that is text', (m) => (m.guidance = { default: '3' }), /guidance\.default/],
  ];
  for (const [what, change, message] of bad) {
    it(`refuses ${what} with a message that names it`, () => {
      const value = withChange((i) => change(i.models[0] as Record<string, unknown>));
      expect(() => parse(value)).toThrow(ModelIndexError);
      expect(() => parse(value)).toThrow(message);
    });
  }

  it('reports labels where the manifest disagrees with the index (the manifest wins)', () => {
    const entry64 = parse(conditional).models[0];
    const loaded = { ...facts(64, 0), labels: { category: CLASSES, vendor: ['google', 'twitter'] } };
    expect(indexMismatch(entry64, loaded)).toBeNull();
    const fewer = { ...loaded, labels: { category: ['smileys', 'people'], vendor: ['google', 'twitter'] } };
    expect(indexMismatch(entry64, fewer)).toMatch(
      /labels smileys, people \/ google, twitter \(the index says smileys, people, animals \/ google, twitter\)/,
    );
    expect(indexMismatch(entry64, facts(64, 0))).toMatch(/labels none \(the index says smileys/);
  });
});
