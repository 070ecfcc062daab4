import { describe, expect, it } from 'vitest';
import { alphaFromLogSnr, asLogSnr, asTime, sigmaFromLogSnr } from '../../src/math/logSnr';
import { createRng, gaussianNoise } from '../../src/math/rng';
import {
  sampleDdim,
  sampleDdpm,
  sampleDpmSolver2m,
  SamplingCancelled,
  type Denoiser,
  type Sampler,
} from '../../src/math/samplers';
import { cosineSchedule } from '../../src/math/schedules';
import { stepTimes } from '../../src/math/spacing';

// Toy data: x_0 ~ N(μ, s²) independently per dimension, for which the exact denoiser is known:
// E[x_0 | x_t] = μ + α·s²/(α²·s² + σ²)·(x_t − α·μ).
const MU = 0.5;
const S = 0.3;
const exactDenoiser: Denoiser = async (x, logSnr) => {
  const alpha = alphaFromLogSnr(logSnr);
  const sigma = sigmaFromLogSnr(logSnr);
  const gain = (alpha * S * S) / (alpha * alpha * S * S + sigma * sigma);
  return x.map((v) => MU + gain * (v - alpha * MU));
};

const DIMENSIONS = 20000;
const cosine = cosineSchedule();
const grid = (steps: number) => Array.from(stepTimes(cosine, steps, 'uniform-t'), (t) => cosine.logSnr(asTime(t)));

async function momentError(sampler: Sampler, steps: number, eta = 0): Promise<{ mean: number; std: number }> {
  const out = await sampler(exactDenoiser, gaussianNoise(DIMENSIONS, 3), grid(steps), { eta, rng: createRng(9) });
  const mean = out.reduce((a, b) => a + b, 0) / out.length;
  const std = Math.sqrt(out.reduce((a, b) => a + (b - mean) ** 2, 0) / out.length);
  return { mean: Math.abs(mean - MU), std: Math.abs(std - S) };
}

describe('samplers on Gaussian data with the exact denoiser', () => {
  // Sampling error of the moments with 20,000 dimensions: ≈ 0.3/141 ≈ 0.002 for the mean.
  const cases: [string, Sampler, number][] = [
    ['DDIM (η = 0)', sampleDdim, 0],
    ['DDIM (η = 0.5)', sampleDdim, 0.5],
    ['DDPM ancestral', sampleDdpm, 1],
    ['DPM-Solver++(2M)', sampleDpmSolver2m, 0],
  ];
  for (const [name, sampler, eta] of cases) {
    it(`${name} reaches N(μ, s²) as steps grow`, async () => {
      const coarse = await momentError(sampler, 3, eta);
      const fine = await momentError(sampler, 200, eta);
      expect(fine.mean).toBeLessThan(0.01);
      expect(fine.std).toBeLessThan(0.01);
      expect(fine.mean + fine.std).toBeLessThanOrEqual(coarse.mean + coarse.std + 0.005);
    });
  }

  it('in 10 steps DPM-Solver++(2M) beats first-order DDIM and DDPM', async () => {
    const dpm = await momentError(sampleDpmSolver2m, 10);
    const ddim = await momentError(sampleDdim, 10, 0);
    const ddpm = await momentError(sampleDdpm, 10, 1);
    expect(dpm.mean + dpm.std).toBeLessThan(0.05);
    expect(dpm.mean + dpm.std).toBeLessThan(ddim.mean + ddim.std);
    expect(dpm.mean + dpm.std).toBeLessThan(ddpm.mean + ddpm.std);
  });

  it('reports every step and stops when cancelled', async () => {
    const seen: number[] = [];
    await sampleDpmSolver2m(exactDenoiser, gaussianNoise(10, 1), grid(5), {
      onStep: (info) => void seen.push(info.step),
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    let calls = 0;
    const counting: Denoiser = async (x, logSnr) => {
      calls++;
      return exactDenoiser(x, logSnr);
    };
    await expect(
      sampleDdim(counting, gaussianNoise(10, 1), grid(10), { isCancelled: () => calls >= 2 }),
    ).rejects.toBeInstanceOf(SamplingCancelled);
    expect(calls).toBe(2);
  });

  it('rejects a grid that does not run from noisy to clean, and DDPM without an rng', async () => {
    await expect(sampleDdim(exactDenoiser, new Float32Array(4), [1, 0].map(asLogSnr))).rejects.toThrow(/increase/);
    await expect(sampleDdpm(exactDenoiser, new Float32Array(4), [-1, 1].map(asLogSnr))).rejects.toThrow(/rng/);
  });
});

describe('a grid that ends at λ = +∞', () => {
  // σ = 0 there: every sampler's last step must return exactly the last call's x̂₀, so a grid can
  // end "on x̂₀" (k-diffusion's final σ = 0) without a special case in any sampler.
  const grid = [-15, -5, 0, 5, Infinity].map(asLogSnr);
  for (const [name, sampler] of [
    ['DDIM', sampleDdim],
    ['DDPM', sampleDdpm],
    ['DPM-Solver++(2M)', sampleDpmSolver2m],
  ] as const) {
    it(`${name} returns the last x̂₀`, async () => {
      let lastX0: Float32Array | null = null;
      const recording: Denoiser = async (x, logSnr) => {
        lastX0 = await exactDenoiser(x, logSnr);
        return lastX0;
      };
      const out = await sampler(recording, gaussianNoise(64, 5), grid, { rng: createRng(2) });
      expect(lastX0).not.toBeNull();
      expect(Array.from(out)).toEqual(Array.from(lastX0!));
      expect(out.every(Number.isFinite)).toBe(true);
    });
  }
});
