import { describe, expect, it } from 'vitest';
import {
  cosineSchedule,
  edmSchedule,
  interpolatedCosineSchedule,
  linearDdpmSchedule,
  rectifiedFlowSchedule,
  sd3ShiftTime,
  shiftedSchedule,
  sigmoidSchedule,
  timeFromLogSnr,
} from '../../src/math/schedules';
import { SCHEDULES, SCHEDULE_IDS } from '../../src/math/scheduleCatalog';
import { asLogSnr, asTime, sigmoid } from '../../src/math/logSnr';

const grid = Array.from({ length: 101 }, (_, i) => asTime(i / 100));

describe('cosine schedule', () => {
  const cosine = cosineSchedule();
  it('hits the clipping bounds at the ends', () => {
    expect(cosine.logSnr(asTime(0))).toBeCloseTo(15, 10);
    expect(cosine.logSnr(asTime(1))).toBeCloseTo(-15, 10);
  });
  it('λ(0.5) matches the closed form, which is 0 by symmetry of the clip range', () => {
    const tMin = Math.atan(Math.exp(-7.5));
    const tMax = Math.atan(Math.exp(7.5));
    expect(cosine.logSnr(asTime(0.5))).toBeCloseTo(-2 * Math.log(Math.tan(0.5 * (tMin + tMax))), 12);
    expect(cosine.logSnr(asTime(0.5))).toBeCloseTo(0, 10);
    // Unclipped cosine would give −2·ln tan(π/4) = 0 too; check an asymmetric clip instead.
    const asymmetric = cosineSchedule(asLogSnr(-10), asLogSnr(20));
    const a = Math.atan(Math.exp(-10));
    const b = Math.atan(Math.exp(5));
    expect(asymmetric.logSnr(asTime(0.25))).toBeCloseTo(-2 * Math.log(Math.tan(a + 0.25 * (b - a))), 12);
  });
  it('t(λ) inverts λ(t)', () => {
    for (const t of grid) expect(cosine.timeFromLogSnr!(cosine.logSnr(t))).toBeCloseTo(t, 9);
  });
});

describe('shifted and interpolated cosine', () => {
  const cosine = cosineSchedule();
  it('a resolution shift moves the clipped curve by 2·ln(b/d) (shift after clip)', () => {
    const shifted = shiftedSchedule(cosine, 2 * Math.log(64 / 512));
    for (const t of grid) expect(shifted.logSnr(t) - cosine.logSnr(t)).toBeCloseTo(-4.158883, 6);
    expect(timeFromLogSnr(shifted, shifted.logSnr(asTime(0.3)))).toBeCloseTo(0.3, 9);
  });
  it('clip after shift keeps the base range', () => {
    const clipped = shiftedSchedule(cosine, -4, 'clip-after-shift');
    expect(clipped.logSnr(asTime(1))).toBe(-15);
    expect(clipped.logSnr(asTime(0))).toBeCloseTo(11, 9);
    expect(timeFromLogSnr(clipped, clipped.logSnr(asTime(0.4)))).toBeCloseTo(0.4, 9);
  });
  it('interpolation end points are the lo and hi shifts', () => {
    const interp = interpolatedCosineSchedule(64, 32, 256);
    expect(interp.logSnr(asTime(0))).toBeCloseTo(cosine.logSnr(asTime(0)) + 2 * Math.log(64 / 32), 12);
    expect(interp.logSnr(asTime(1))).toBeCloseTo(cosine.logSnr(asTime(1)) + 2 * Math.log(64 / 256), 12);
    const mid =
      0.5 * (cosine.logSnr(asTime(0.5)) + 2 * Math.log(2)) + 0.5 * (cosine.logSnr(asTime(0.5)) + 2 * Math.log(0.25));
    expect(interp.logSnr(asTime(0.5))).toBeCloseTo(mid, 12);
  });
});

describe('other families', () => {
  it('linear DDPM: ᾱ(1) matches Π(1 − β) of the discrete 1000-step schedule to 1 %', () => {
    let logAlphaBar = 0;
    for (let i = 0; i < 1000; i++) logAlphaBar += Math.log(1 - (1e-4 + (i * (0.02 - 1e-4)) / 999));
    const linear = linearDdpmSchedule();
    expect(Math.abs(Math.log(sigmoid(linear.logSnr(asTime(1)))) / logAlphaBar - 1)).toBeLessThan(0.01);
    expect(linear.logSnr(asTime(0))).toBeGreaterThan(9);
    for (const t of grid.slice(1)) expect(linear.timeFromLogSnr!(linear.logSnr(t))).toBeCloseTo(t, 9);
  });
  it('sigmoid: ᾱ(t) follows Chen 2023 and inverts', () => {
    const schedule = sigmoidSchedule(-3, 3, 1);
    const expected = (sigmoid(3) - sigmoid(0)) / (sigmoid(3) - sigmoid(-3));
    expect(sigmoid(schedule.logSnr(asTime(0.5)))).toBeCloseTo(expected, 12);
    for (const t of grid.slice(1, -1)) expect(schedule.timeFromLogSnr!(schedule.logSnr(t))).toBeCloseTo(t, 8);
  });
  it('EDM: σ runs from σ_min to σ_max and λ = −2·ln σ', () => {
    const edm = edmSchedule();
    expect(edm.logSnr(asTime(0))).toBeCloseTo(-2 * Math.log(0.002), 9);
    expect(edm.logSnr(asTime(1))).toBeCloseTo(-2 * Math.log(80), 9);
    for (const t of grid) expect(edm.timeFromLogSnr!(edm.logSnr(t))).toBeCloseTo(t, 9);
  });
  it('rectified flow: λ = 2·ln((1 − t)/t), and SD3 shift k equals λ − 2·ln k', () => {
    const flow = rectifiedFlowSchedule(1);
    const shifted = rectifiedFlowSchedule(3);
    for (const t of grid.slice(2, -2)) {
      expect(flow.logSnr(t)).toBeCloseTo(2 * Math.log((1 - t) / t), 12);
      expect(shifted.logSnr(t)).toBeCloseTo(flow.logSnr(t) - 2 * Math.log(3), 12);
      // The same thing stated as SD3 states it: shifting the time.
      expect(flow.logSnr(sd3ShiftTime(t, 3))).toBeCloseTo(shifted.logSnr(t), 10);
    }
  });
});

describe('catalogue', () => {
  it('every schedule is finite and non-increasing on [0, 1], and t(λ) inverts it', () => {
    for (const id of SCHEDULE_IDS) {
      const schedule = SCHEDULES[id].create();
      let previous = Infinity;
      for (const t of grid) {
        const logSnr = schedule.logSnr(t);
        expect(Number.isFinite(logSnr), `${id} at ${t}`).toBe(true);
        expect(logSnr).toBeLessThanOrEqual(previous + 1e-12);
        previous = logSnr;
      }
      for (const t of [0.1, 0.37, 0.5, 0.8].map(asTime))
        expect(timeFromLogSnr(schedule, schedule.logSnr(t))).toBeCloseTo(t, 7);
    }
  });
});
