import { describe, expect, it } from 'vitest';
import { logSnrHistogram, stepTimes } from '../../src/math/spacing';
import { asTime } from '../../src/math/logSnr';
import { cosineSchedule, shiftedSchedule } from '../../src/math/schedules';

describe('step spacing', () => {
  const cosine = cosineSchedule();
  it('uniform in t runs from 1 to 0 in equal steps', () => {
    expect(Array.from(stepTimes(cosine, 4, 'uniform-t'))).toEqual([1, 0.75, 0.5, 0.25, 0]);
  });
  it('uniform in λ gives equal λ steps', () => {
    const times = stepTimes(cosine, 6, 'uniform-logsnr');
    const logSnrs = Array.from(times, (t) => cosine.logSnr(asTime(t)));
    for (let i = 1; i < 6; i++) expect(logSnrs[i + 1] - logSnrs[i]).toBeCloseTo(logSnrs[1] - logSnrs[0], 8);
    expect(logSnrs[1] - logSnrs[0]).toBeCloseTo(5, 8); // (15 − (−15)) / 6
  });
  it('trailing matches diffusers: T = 1000, N = 7 → 999, 856, 713, … read as (k + 1)/T', () => {
    const times = stepTimes(cosine, 7, 'trailing');
    // np.round(np.arange(1000, 0, -1000/7)) - 1 = [999, 856, 713, 570, 428, 285, 142]
    expect(Array.from(times, (t) => Math.round(t * 1000) - 1)).toEqual([999, 856, 713, 570, 428, 285, 142, -1]);
  });
  it('trailing rounds halves to even as np.round does: N = 16 → 999, 937, 874, 811, …', () => {
    // np.round(np.arange(1000, 0, -1000/16)) - 1: 812.5 → 812, 562.5 → 562, 312.5 → 312, 62.5 → 62
    const times = stepTimes(cosine, 16, 'trailing');
    expect(Array.from(times, (t) => Math.round(t * 1000) - 1)).toEqual([
      999, 937, 874, 811, 749, 687, 624, 561, 499, 437, 374, 311, 249, 187, 124, 61, -1,
    ]);
  });
  it('rejects a non-positive step count', () => {
    expect(() => stepTimes(cosine, 0, 'uniform-t')).toThrow();
  });
});

describe('training λ histogram', () => {
  it('sums to 1, and a shift moves its mass by the shift', () => {
    const edges = { from: -25, to: 20, binWidth: 1 };
    const original = logSnrHistogram(cosineSchedule(), edges);
    const shifted = logSnrHistogram(shiftedSchedule(cosineSchedule(), -4), edges);
    expect(original.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    const mean = (h: Float64Array) => h.reduce((acc, p, i) => acc + p * (edges.from + i + 0.5), 0);
    expect(mean(shifted) - mean(original)).toBeCloseTo(-4, 1);
  });
});
