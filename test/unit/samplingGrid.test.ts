import { describe, expect, it } from 'vitest';
import { noiseToLogSnr } from '../../src/math/forwardProcess';
import { alphaFromLogSnr, asLogSnr, asTime, sigmaFromLogSnr } from '../../src/math/logSnr';
import {
  firstFlatStep,
  PLAIN_COSINE,
  sameTrainingSchedule,
  samplingLogSnrs,
  samplingSchedule,
  type SamplingSpec,
} from '../../src/math/samplingGrid';
import { cosineSchedule } from '../../src/math/schedules';
import type { ScheduleSpec } from '../../src/math/scheduleSpec';

const training: SamplingSpec = { schedule: PLAIN_COSINE, shift: 0, steps: 10, spacing: 'uniform-t' };

describe('sampling grid', () => {
  it('runs the training cosine from λ = −15 to +15 in steps + 1 increasing values', () => {
    const grid = samplingLogSnrs(training);
    expect(grid).toHaveLength(11);
    expect(grid[0]).toBeCloseTo(-15, 9);
    expect(grid[10]).toBeCloseTo(15, 9);
    expect(firstFlatStep(grid)).toBe(-1);
  });

  it("moves every λ by the sampler's shift, on top of a schedule spec's own", () => {
    const plain = samplingLogSnrs(training);
    const shifted = samplingLogSnrs({ ...training, shift: -2 });
    shifted.forEach((logSnr, i) => expect(logSnr).toBeCloseTo(plain[i] - 2, 12));
    const spec: ScheduleSpec = {
      family: 'cosine',
      interpolation: { base: 64, lo: 32, hi: 256 },
      shift: -1,
      clipMode: 'shift-after-clip',
    };
    const lab = samplingLogSnrs({ ...training, schedule: spec, shift: -2 });
    lab.forEach((logSnr, i) => expect(logSnr).toBeCloseTo(plain[i] - 3, 12));
  });

  it('starts an SDEdit resample at the given time, then follows the full grid below it', () => {
    const grid = samplingLogSnrs(training, asTime(0.55));
    expect(grid[0]).toBeCloseTo(cosineSchedule().logSnr(asTime(0.55)), 12);
    expect(Array.from(grid.slice(1))).toEqual(Array.from(samplingLogSnrs(training).slice(5)));
    expect(samplingSchedule(training).logSnr(asTime(0.3))).toBeCloseTo(cosineSchedule().logSnr(asTime(0.3)), 12);
  });

  it('finds the first flat step, and the grid says where the schedule is flat', () => {
    expect(firstFlatStep([-3, -1, -1, 2].map(asLogSnr))).toBe(2);
    expect(firstFlatStep([1, 0].map(asLogSnr))).toBe(1);
    const flat: ScheduleSpec = {
      family: 'cosine',
      interpolation: { base: 64, lo: 32, hi: 256 },
      shift: 20,
      clipMode: 'clip-after-shift',
    };
    expect(() => samplingLogSnrs({ ...training, schedule: flat })).toThrow(/flat between t = /);
  });
});

describe("a model's training schedule from its manifest", () => {
  const RESOLUTION_SHIFT_128 = 2 * Math.log(64 / 128); // −1.386 nats, emoji128-shifted's
  const shifted: SamplingSpec = { ...training, schedule: { ...PLAIN_COSINE, shift: RESOLUTION_SHIFT_128 } };

  for (const spacing of ['uniform-t', 'uniform-logsnr', 'trailing'] as const) {
    it(`a manifest shift of −1.386 moves every λ by exactly that (${spacing})`, () => {
      const plain = samplingLogSnrs({ ...training, spacing });
      const moved = samplingLogSnrs({ ...shifted, spacing });
      expect(moved).toHaveLength(plain.length);
      moved.forEach((logSnr, i) => expect(logSnr - plain[i]).toBeCloseTo(RESOLUTION_SHIFT_128, 12));
    });
  }

  it('shifts after clipping: the range [−15, 15] moves with the shift, no λ is clipped back', () => {
    const grid = samplingLogSnrs(shifted);
    expect(grid[0]).toBeCloseTo(-15 + RESOLUTION_SHIFT_128, 12);
    expect(grid[grid.length - 1]).toBeCloseTo(15 + RESOLUTION_SHIFT_128, 12);
  });

  it("adds the sampler's shift to the manifest's", () => {
    const plain = samplingLogSnrs(training);
    const both = samplingLogSnrs({ ...shifted, shift: 0.5 });
    both.forEach((logSnr, i) => expect(logSnr - plain[i]).toBeCloseTo(RESOLUTION_SHIFT_128 + 0.5, 12));
  });

  it("uses the manifest's clipping range", () => {
    const narrow = samplingLogSnrs({
      ...training,
      schedule: { ...PLAIN_COSINE, logSnrMin: asLogSnr(-10), logSnrMax: asLogSnr(12) },
    });
    expect(narrow[0]).toBeCloseTo(-10, 9);
    expect(narrow[narrow.length - 1]).toBeCloseTo(12, 9);
  });

  it('compares training schedules', () => {
    expect(sameTrainingSchedule(PLAIN_COSINE, { ...PLAIN_COSINE })).toBe(true);
    expect(sameTrainingSchedule(PLAIN_COSINE, { ...PLAIN_COSINE, shift: RESOLUTION_SHIFT_128 })).toBe(false);
  });
});

describe('forward process', () => {
  it('is x_t = α·x_0 + σ·ε at λ', () => {
    const x0 = Float32Array.of(-1, 0, 0.5, 1);
    const noise = [0.3, -2, 1, 0];
    const logSnr = asLogSnr(1.5);
    const xT = noiseToLogSnr(x0, noise, logSnr);
    const alpha = alphaFromLogSnr(logSnr);
    const sigma = sigmaFromLogSnr(logSnr);
    xT.forEach((value, i) => expect(value).toBeCloseTo(alpha * x0[i] + sigma * noise[i], 6));
    expect(xT).toBeInstanceOf(Float32Array);
  });
});
