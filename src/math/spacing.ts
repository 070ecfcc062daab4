/**
 * Where the steps of an N-step sampler land in time. A sampler runs from t = 1 (noise) down to
 * t = 0 (data) through N + 1 times t_0 = 1 > t_1 > … > t_N = 0.
 */
import { asLogSnr, asTime, asTimeGrid, type TimeGrid } from './logSnr';
import { timeFromLogSnr, type Schedule } from './schedules';

export const SPACINGS = ['uniform-t', 'uniform-logsnr', 'trailing'] as const;
export type Spacing = (typeof SPACINGS)[number];

/** Discrete training steps assumed by the "trailing" spacing (DDPM's T). */
export const TRAINING_STEPS = 1000;

/**
 * The N + 1 times of an N-step sampler, from 1 down to 0:
 * - 'uniform-t': t_i = 1 − i/N;
 * - 'uniform-logsnr': λ(t_i) evenly spaced between λ(1) and λ(0) (Lu et al. 2022, DPM-Solver's
 *   "logSNR" spacing);
 * - 'trailing': diffusers' trailing timesteps for T = 1000 discrete steps (Lin et al. 2024, Table 2):
 *   k_i = round(T − i·T/N) − 1 with NumPy's rounding (halves to even), read as t = (k + 1)/T;
 *   always starts at t = 1.
 */
export function stepTimes(schedule: Schedule, steps: number, spacing: Spacing): TimeGrid {
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`stepTimes: ${steps} is not a positive step count`);
  const times = new Float64Array(steps + 1);
  if (spacing === 'uniform-t') {
    for (let i = 0; i <= steps; i++) times[i] = 1 - i / steps;
  } else if (spacing === 'uniform-logsnr') {
    const start = schedule.logSnr(asTime(1));
    const end = schedule.logSnr(asTime(0));
    times[0] = 1;
    for (let i = 1; i < steps; i++) times[i] = timeFromLogSnr(schedule, asLogSnr(start + ((end - start) * i) / steps));
    times[steps] = 0;
  } else {
    for (let i = 0; i < steps; i++)
      times[i] = roundHalfToEven(TRAINING_STEPS - (i * TRAINING_STEPS) / steps) / TRAINING_STEPS;
    times[steps] = 0;
  }
  return asTimeGrid(times);
}

/**
 * np.round, which diffusers' trailing spacing uses: halves go to the even neighbour (812.5 → 812),
 * where Math.round would take 813 (N = 16 differs so at 4 of its 16 steps).
 */
function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  if (x - floor !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Histogram of the λ a network sees in training when t is uniform on [0, 1]: the fraction of t in
 * each bin of width `binWidth` nats, by the midpoint rule on `samples` points.
 */
export function logSnrHistogram(
  schedule: Schedule,
  binEdges: { from: number; to: number; binWidth: number },
  samples = 20000,
): Float64Array {
  const { from, to, binWidth } = binEdges;
  const bins = Math.round((to - from) / binWidth);
  const counts = new Float64Array(bins);
  for (let i = 0; i < samples; i++) {
    const logSnr = schedule.logSnr(asTime((i + 0.5) / samples));
    const bin = Math.min(bins - 1, Math.max(0, Math.floor((logSnr - from) / binWidth)));
    counts[bin] += 1 / samples;
  }
  return counts;
}
