// The worker's SampleSettings are built in one place (src/ui/sampler/sampleSettings.ts). Each
// case here is what its caller built by hand before: the single run (useSampler), a compare
// column (useCompare) and "denoise my image"'s SDEdit resample (DenoisePanel), for a few states.
import { describe, expect, it } from 'vitest';
import { asTime } from '../../src/math/logSnr';
import { PLAIN_COSINE, samplingLogSnrs } from '../../src/math/samplingGrid';
import { askLabels } from '../../src/ui/sampler/conditioning';
import { sampleSettings } from '../../src/ui/sampler/sampleSettings';
import { samplingSpec } from '../../src/ui/specs';
import { DEFAULT_STATE, type AppState } from '../../src/ui/urlState';

const LABELS = { category: ['smileys', 'people', 'flags'], vendor: ['google', 'twitter'] };
const URL = './models/emoji64/';
const STATES: AppState[] = [
  DEFAULT_STATE,
  { ...DEFAULT_STATE, sampler: 'ddim', eta: 0.3, seed: 7, batch: 9, steps: 12, class: 'flags', vendor: 'google' },
  { ...DEFAULT_STATE, sampler: 'ddpm', seed: 0xffffffff, batch: 1, source: 'lab', sshift: -1.5, class: 'any' },
];

describe('the sample settings, built in one place', () => {
  for (const state of STATES) {
    const logSnrs = samplingLogSnrs(samplingSpec(state, PLAIN_COSINE));
    const label = `${state.sampler}, seed ${state.seed}, batch ${state.batch}`;

    it(`a single run asks what useSampler asked (${label})`, () => {
      const asked = askLabels(state, LABELS, 3, state.batch);
      const { sampler, eta, seed, batch } = state;
      const before = { modelUrl: URL, sampler, logSnrs, eta, seed, batch, previewEvery: 1, ...asked.conditioning };
      expect(sampleSettings(state, { modelUrl: URL, logSnrs, conditioning: asked.conditioning })).toStrictEqual(before);
    });

    it(`a compare column asks what useCompare asked (${label})`, () => {
      const { conditioning } = askLabels(state, null, 1, state.batch);
      const { sampler, eta, seed, batch } = state;
      const before = { modelUrl: URL, sampler, logSnrs, eta, seed, batch, previewEvery: 1, ...conditioning };
      expect(sampleSettings(state, { modelUrl: URL, logSnrs, conditioning })).toStrictEqual(before);
    });

    it(`denoise's resample asks what DenoisePanel asked (${label})`, () => {
      const { conditioning } = askLabels(state, LABELS, 2.5, 1);
      const noisy = new Float32Array(64 * 64 * 3).fill(0.25);
      const grid = samplingLogSnrs(samplingSpec(state, PLAIN_COSINE), asTime(0.4));
      const before = {
        modelUrl: URL,
        sampler: state.sampler,
        logSnrs: grid,
        eta: state.eta,
        seed: state.seed,
        batch: 1,
        previewEvery: 1,
        start: noisy,
        ...conditioning,
      };
      const built = sampleSettings(state, { modelUrl: URL, logSnrs: grid, conditioning, batch: 1, start: noisy });
      expect(built).toStrictEqual(before);
      expect(built.start).toBe(noisy);
    });
  }
});
