/**
 * Samplers for a denoiser given in logSNR terms, k-diffusion style: one signature, the model as a
 * callback, progress through a callback. They run from the noisiest λ_0 to the cleanest λ_N along
 * any increasing grid of logSNRs, so any schedule and any spacing can drive them.
 *
 * The denoiser returns x̂_0(x_t, λ) (for a v-prediction model, x̂_0 = α·x_t − σ·v̂, done in the
 * model wrapper, not here). Buffers are flat Float32Arrays of the whole batch.
 */
import { alphaFromLogSnr, sigmaFromLogSnr, type LogSnr } from './logSnr';
import { fillGaussian, type Rng } from './rng';
import { firstFlatStep } from './samplingGrid';

/** x̂_0 for x_t at logSNR λ. May be asynchronous (a GPU readback). */
export type Denoiser = (x: Float32Array, logSnr: LogSnr) => Promise<Float32Array>;

export interface StepInfo {
  /** Index of the step just taken, 0-based; steps in total. */
  step: number;
  steps: number;
  /** λ the sample is now at. */
  logSnr: LogSnr;
  /** x at the new λ, and the x̂_0 this step used. Read-only views: copy to keep. */
  x: Float32Array;
  x0: Float32Array;
}

export interface SamplerOptions {
  /** DDIM's η: 0 deterministic, 1 the DDPM posterior. */
  eta?: number;
  /** Noise for stochastic steps (required when they add noise). */
  rng?: Rng;
  /** Called after every step; may be async (e.g. to yield to a cancel message). */
  onStep?: (info: StepInfo) => void | Promise<void>;
  /** Checked before every model call; when true the sampler stops with a SamplingCancelled. */
  isCancelled?: () => boolean;
}

export type Sampler = (
  denoise: Denoiser,
  x: Float32Array,
  /** A LogSnrGrid, or any array of LogSnr (a t grid does not compile here). */
  logSnrs: ArrayLike<LogSnr>,
  options?: SamplerOptions,
) => Promise<Float32Array>;

export class SamplingCancelled extends Error {
  override name = 'SamplingCancelled';
}

function checkGrid(logSnrs: ArrayLike<LogSnr>): void {
  if (firstFlatStep(logSnrs) >= 0) throw new Error('sampler: logSNRs must increase strictly (noisy → clean)');
}

/**
 * DDIM (Song et al. 2021, eq. 12) with η, in λ terms. From λ_t to λ_s (s cleaner):
 * ε̂ = (x − α_t·x̂_0)/σ_t; c² = η²·σ_s²·(1 − e^(λ_t − λ_s)); x_s = α_s·x̂_0 + √(σ_s² − c²)·ε̂ + c·z.
 * The variance σ_s²·(1 − e^(λ_t − λ_s)) is the DDPM posterior's (Ho et al. 2020, eq. 7), written
 * with expm1 so nearby λ stay accurate.
 */
export const sampleDdim: Sampler = async (denoise, xInit, logSnrs, options = {}) => {
  checkGrid(logSnrs);
  const eta = options.eta ?? 0;
  const x = Float32Array.from(xInit);
  const noise = new Float32Array(x.length);
  const steps = logSnrs.length - 1;
  for (let i = 0; i < steps; i++) {
    if (options.isCancelled?.()) throw new SamplingCancelled('cancelled');
    const logSnrT = logSnrs[i];
    const logSnrS = logSnrs[i + 1];
    const x0 = await denoise(x, logSnrT);
    const alphaT = alphaFromLogSnr(logSnrT);
    const sigmaT = sigmaFromLogSnr(logSnrT);
    const alphaS = alphaFromLogSnr(logSnrS);
    const sigmaS = sigmaFromLogSnr(logSnrS);
    const cSq = eta * eta * sigmaS * sigmaS * -Math.expm1(logSnrT - logSnrS);
    const c = Math.sqrt(cSq);
    const epsScale = Math.sqrt(Math.max(0, sigmaS * sigmaS - cSq));
    if (c > 0) {
      if (!options.rng) throw new Error('sampler: a stochastic step needs options.rng');
      fillGaussian(options.rng, noise);
    }
    for (let k = 0; k < x.length; k++) {
      const eps = (x[k] - alphaT * x0[k]) / sigmaT;
      x[k] = alphaS * x0[k] + epsScale * eps + (c > 0 ? c * noise[k] : 0);
    }
    await options.onStep?.({ step: i, steps, logSnr: logSnrS, x, x0 });
  }
  return x;
};

/** DDPM ancestral sampling (Ho et al. 2020, Alg. 2): the posterior q(x_s | x_t, x̂_0), i.e. DDIM at η = 1. */
export const sampleDdpm: Sampler = (denoise, x, logSnrs, options = {}) =>
  sampleDdim(denoise, x, logSnrs, { ...options, eta: 1 });

/**
 * DPM-Solver++(2M) (Lu et al. 2022, arXiv 2211.01095, Alg. 2), multistep second order.
 * DPM-Solver's λ is log(α/σ), half our logSNR, so h = (λ_s − λ_t)/2. D = x̂_0 on the first step,
 * else (1 + 1/(2r))·x̂_0 − 1/(2r)·x̂_0,prev with r = h_prev/h; x_s = (σ_s/σ_t)·x − α_s·expm1(−h)·D.
 * With D = x̂_0 this is exactly DDIM (η = 0), since α_s − σ_s·α_t/σ_t = −α_s·expm1(−h).
 * The final step is first order (diffusers' lower_order_final; k-diffusion's last step to σ = 0 is a
 * plain denoise): the last λ step is usually far longer than the one before it, and extrapolating
 * with r ≪ 1 amplifies the model's error.
 */
export const sampleDpmSolver2m: Sampler = async (denoise, xInit, logSnrs, options = {}) => {
  checkGrid(logSnrs);
  const x = Float32Array.from(xInit);
  const steps = logSnrs.length - 1;
  let previous: Float32Array | null = null;
  for (let i = 0; i < steps; i++) {
    if (options.isCancelled?.()) throw new SamplingCancelled('cancelled');
    const logSnrT = logSnrs[i];
    const logSnrS = logSnrs[i + 1];
    const x0 = await denoise(x, logSnrT);
    const h = 0.5 * (logSnrS - logSnrT);
    const ratio = sigmaFromLogSnr(logSnrS) / sigmaFromLogSnr(logSnrT);
    const coefficient = -alphaFromLogSnr(logSnrS) * Math.expm1(-h);
    if (previous === null || i === steps - 1) {
      for (let k = 0; k < x.length; k++) x[k] = ratio * x[k] + coefficient * x0[k];
    } else {
      const r = (0.5 * (logSnrT - logSnrs[i - 1])) / h;
      const now = 1 + 1 / (2 * r);
      const before = 1 / (2 * r);
      for (let k = 0; k < x.length; k++) x[k] = ratio * x[k] + coefficient * (now * x0[k] - before * previous[k]);
    }
    previous = Float32Array.from(x0);
    await options.onStep?.({ step: i, steps, logSnr: logSnrS, x, x0 });
  }
  return x;
};

export const SAMPLER_IDS = ['ddim', 'ddpm', 'dpmpp-2m'] as const;
export type SamplerId = (typeof SAMPLER_IDS)[number];

export const SAMPLERS: Record<SamplerId, { label: string; run: Sampler; stochastic: boolean }> = {
  ddim: { label: 'DDIM (η)', run: sampleDdim, stochastic: false },
  ddpm: { label: 'DDPM ancestral', run: sampleDdpm, stochastic: true },
  'dpmpp-2m': { label: 'DPM-Solver++(2M)', run: sampleDpmSolver2m, stochastic: false },
};
