import { describe, expect, it } from 'vitest';
import { PLAIN_COSINE, samplingLogSnrs } from '../../src/math/samplingGrid';
import { columnStatus, compareFraction, scheduleCaption } from '../../src/ui/sampler/compareSummary';
import { samplingSpec } from '../../src/ui/specs';
import { DEFAULT_STATE } from '../../src/ui/urlState';

const SHIFTED = { ...PLAIN_COSINE, shift: 2 * Math.log(64 / 128) };

describe('compare mode’s words and numbers', () => {
  it('captions say whose training schedule a column ran, and the sampler’s shift on top', () => {
    const training = { source: 'training', sshift: 0 } as const;
    expect(scheduleCaption(training, 'emoji128-cosine', 'emoji128-cosine', PLAIN_COSINE)).toBe(
      'Sampled with its own training schedule: cosine λ ∈ [−15, 15], no shift.',
    );
    expect(scheduleCaption(training, 'emoji128-cosine', 'emoji128-shifted', SHIFTED)).toBe(
      "Sampled with emoji128-shifted's training schedule: cosine λ ∈ [−15, 15] shifted by −1.386 nats.",
    );
    expect(scheduleCaption({ source: 'training', sshift: -0.5 }, 'a', 'a', PLAIN_COSINE)).toMatch(
      /plus the sampler's shift of −0\.50 nats\.$/,
    );
    expect(scheduleCaption({ source: 'lab', sshift: 0 }, 'a', 'b', SHIFTED)).toMatch(/schedule lab's schedule/);
  });

  it('a column is done only when its phase is', () => {
    expect(columnStatus('empty')).toBe('idle');
    expect(columnStatus('waiting')).toBe('waiting');
    expect(columnStatus('running')).toBe('sampling');
    expect(columnStatus('done')).toBe('done');
  });

  it('progress counts both columns: the first done is one half', () => {
    expect(compareFraction([])).toBe(0);
    expect(
      compareFraction([
        { step: 4, steps: 4 },
        { step: 0, steps: 0 },
      ]),
    ).toBe(0.5);
    expect(
      compareFraction([
        { step: 4, steps: 4 },
        { step: 2, steps: 4 },
      ]),
    ).toBe(0.75);
  });
});

describe('the sampling spec takes the model’s training schedule', () => {
  it("the training source samples the manifest's schedule, the sampler's shift on top", () => {
    const plain = samplingLogSnrs(samplingSpec(DEFAULT_STATE));
    const shifted = samplingLogSnrs(samplingSpec({ ...DEFAULT_STATE, sshift: 0.25 }, SHIFTED));
    shifted.forEach((logSnr, i) => expect(logSnr - plain[i]).toBeCloseTo(SHIFTED.shift + 0.25, 12));
  });

  it("the lab source ignores the model's training schedule", () => {
    const lab = { ...DEFAULT_STATE, source: 'lab' } as const;
    expect(samplingLogSnrs(samplingSpec(lab, SHIFTED))).toEqual(samplingLogSnrs(samplingSpec(lab)));
  });
});
