// The TypeScript diffusion math against the Python side's numbers (test/fixtures/math_fixture.json,
// `python3 -m train.math_fixture`; train/tests/test_math_fixture.py keeps it current): the model
// card's numbers come from the Python samplers and grids, the app samples with these.
import { describe, expect, it, vi } from 'vitest';
import { alphaFromLogSnr, asTime, sigmaFromLogSnr } from '../../src/math/logSnr';
import { createRng } from '../../src/math/rng';
import { SAMPLER_IDS, SAMPLERS, type Denoiser, type SamplerId, type StepInfo } from '../../src/math/samplers';
import { parseTrainingSchedule, samplingLogSnrs } from '../../src/math/samplingGrid';
import { SCHEDULE_IDS } from '../../src/math/scheduleCatalog';
import { buildSchedule } from '../../src/math/scheduleSpec';
import { SPACINGS, stepTimes } from '../../src/math/spacing';
import { loadMathFixture, specName } from '../mathFixture';

// The stochastic samplers draw their noise through fillGaussian; here it hands out the fixture's
// stored draws instead, one per step, so that both sides add the same noise.
const draws = vi.hoisted(() => [] as number[][]);
vi.mock('../../src/math/rng', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/math/rng')>()),
  fillGaussian: (_rng: unknown, out: Float32Array) => {
    const next = draws.shift();
    if (!next || next.length !== out.length) throw new Error('the sampler asked for more noise than the fixture holds');
    out.set(next);
    return out;
  },
}));

const fixture = loadMathFixture();
// Schedules and grids are float64 on both sides: only the last bits of log/tan/exp may differ.
const FLOAT64 = 1e-9;

function expectClose(got: ArrayLike<number>, expected: number[], tolerance: number, what: string) {
  expect(got.length, what).toBe(expected.length);
  expected.forEach((value, i) => expect(Math.abs(got[i] - value), `${what} [${i}]`).toBeLessThanOrEqual(tolerance));
}

describe('the math fixture', () => {
  it('uses the same ids as the app, and covers every schedule, spacing and sampler', () => {
    expect(fixture.ids).toEqual({
      schedules: [...SCHEDULE_IDS],
      clipModes: ['shift-after-clip', 'clip-after-shift'],
      spacings: [...SPACINGS],
      samplers: [...SAMPLER_IDS],
    });
    expect(new Set(fixture.schedules.map((s) => s.spec.family))).toEqual(new Set(SCHEDULE_IDS));
    const shifted = fixture.schedules.filter((s) => s.spec.shift !== 0);
    expect(new Set(shifted.map((s) => `${s.spec.family} ${s.spec.clipMode}`)).size).toBe(2 * SCHEDULE_IDS.length);
    expect(new Set(fixture.spacings.map((s) => `${s.spec.family} ${s.spacing}`)).size).toBe(
      SCHEDULE_IDS.length * SPACINGS.length,
    );
    expect(new Set(fixture.samplers.runs.map((r) => r.sampler))).toEqual(new Set(SAMPLER_IDS));
  });
});

describe('schedules and spacings equal Python’s (train/schedules.py, train/spacing.py)', () => {
  it('λ(t) of every catalogue schedule, unshifted and shifted in both clip modes', () => {
    for (const { spec, logsnr } of fixture.schedules) {
      const schedule = buildSchedule(spec);
      expectClose(
        fixture.t.map((t) => schedule.logSnr(t)),
        logsnr,
        FLOAT64,
        specName(spec),
      );
    }
  });

  it('the step times and λ grid of every spacing', () => {
    for (const { spec, spacing, steps, times, logsnr } of fixture.spacings) {
      const schedule = buildSchedule(spec);
      const got = stepTimes(schedule, steps, spacing);
      const what = `${specName(spec)}, ${spacing}, ${steps} steps`;
      expectClose(got, times, FLOAT64, `${what}: t`);
      expectClose(
        Array.from(got, (t) => schedule.logSnr(asTime(t))),
        logsnr,
        FLOAT64,
        `${what}: λ`,
      );
    }
  });

  it('the grids the evaluations sample on (train.diffusion.logsnr_grid), from a model manifest', () => {
    for (const { training, samplerShift, spacing, steps, logsnr } of fixture.evalGrids) {
      const grid = samplingLogSnrs({
        schedule: parseTrainingSchedule(training),
        shift: samplerShift,
        steps,
        spacing,
      });
      expectClose(grid, logsnr, FLOAT64, `${JSON.stringify(training)} + ${samplerShift}, ${spacing}, ${steps} steps`);
    }
  });
});

describe('samplers equal Python’s (train/sample.py) on Gaussian data with the exact denoiser', () => {
  const { mu, s, logsnrs, x_T: xT, noise, runs } = fixture.samplers;
  // E[x₀ | x_t] for x₀ ~ N(μ, s²) per dimension: μ + α·s²·(x_t − α·μ)/(α²·s² + σ²).
  const exact: Denoiser = async (x, logSnr) => {
    const alpha = alphaFromLogSnr(logSnr);
    const sigma = sigmaFromLogSnr(logSnr);
    return x.map((v, k) => mu[k] + (alpha * s[k] ** 2 * (v - alpha * mu[k])) / (alpha ** 2 * s[k] ** 2 + sigma ** 2));
  };
  // The app's samplers keep x and x̂₀ in Float32Arrays (one rounding, 6e-8 relative, per value
  // and step) where Python keeps float64: the two differ by up to 7e-8 here (measured), so the
  // bound is 5e-7, still far under a slip (tried: DPM-Solver's r inverted moves x by 6e-3, its
  // step coefficient 0.1 % off by 7e-5, η instead of η² by 0.3).
  const FLOAT32 = 5e-7;

  for (const run of runs) {
    it(`${run.sampler}${run.sampler === 'ddim' ? ` (η = ${run.eta})` : ''}: x and x̂₀ after each of 3 steps`, async () => {
      draws.splice(0, draws.length, ...noise);
      const steps: StepInfo[] = [];
      await SAMPLERS[run.sampler as SamplerId].run(exact, Float32Array.from(xT), logsnrs, {
        eta: run.eta,
        rng: createRng(0),
        onStep: (info) => void steps.push({ ...info, x: Float32Array.from(info.x), x0: Float32Array.from(info.x0) }),
      });
      expect(steps).toHaveLength(run.x.length);
      steps.forEach((step, i) => {
        expectClose(step.x, run.x[i], FLOAT32, `step ${i}: x`);
        expectClose(step.x0, run.x0[i], FLOAT32, `step ${i}: x̂₀`);
      });
      // a stochastic run used one draw per step, a deterministic one none
      expect(draws).toHaveLength(SAMPLERS[run.sampler as SamplerId].stochastic || run.eta > 0 ? 0 : noise.length);
    });
  }
});
