/**
 * Noise schedules as functions t ∈ [0, 1] → λ (logSNR). t = 0 is clean data, t = 1 pure noise;
 * every schedule here is decreasing in t. α and σ always come from λ (see logSnr.ts).
 */
import { asLogSnr, asTime, logit, logSigmoid, resolutionShift, sigmoid, type LogSnr, type Time } from './logSnr';

export interface Schedule {
  /** λ(t) in nats. */
  logSnr(t: Time): LogSnr;
  /** Closed-form inverse t(λ), where the family has one. */
  timeFromLogSnr?: (logSnr: LogSnr) => Time;
}

/** Default clipping of the cosine schedule (simple diffusion, §3): λ ∈ [−15, 15]. */
export const COSINE_LOGSNR_MIN = asLogSnr(-15);
export const COSINE_LOGSNR_MAX = asLogSnr(15);

/**
 * Cosine schedule with logSNR clipped to [logSnrMin, logSnrMax]
 * (Nichol & Dhariwal 2021; clipped form from Hoogeboom et al. 2023, "simple diffusion"):
 * λ(t) = −2·ln tan(t_min + t·(t_max − t_min)), t_min = atan(e^(−λ_max/2)), t_max = atan(e^(−λ_min/2)).
 */
export function cosineSchedule(logSnrMin: LogSnr = COSINE_LOGSNR_MIN, logSnrMax: LogSnr = COSINE_LOGSNR_MAX): Schedule {
  const [tMin, tMax] = cosineTimeRange(logSnrMin, logSnrMax);
  return {
    logSnr: (t) => asLogSnr(-2 * Math.log(Math.tan(tMin + t * (tMax - tMin)))),
    timeFromLogSnr: (logSnr) => asTime((Math.atan(Math.exp(-0.5 * logSnr)) - tMin) / (tMax - tMin)),
  };
}

/** The clipped cosine's angles [t_min, t_max] (radians, not times), where λ = λ_max and λ = λ_min. */
export function cosineTimeRange(
  logSnrMin: LogSnr = COSINE_LOGSNR_MIN,
  logSnrMax: LogSnr = COSINE_LOGSNR_MAX,
): [number, number] {
  return [Math.atan(Math.exp(-0.5 * logSnrMax)), Math.atan(Math.exp(-0.5 * logSnrMin))];
}

/**
 * How a shift meets the base schedule's clipping. Reference implementations differ:
 * - 'shift-after-clip' (default, as in lucidrains' simple_diffusion.py): the clipped curve moves by
 *   the shift, its range moving with it;
 * - 'clip-after-shift' (as k-diffusion does): the shifted curve is clipped back to the base range.
 */
export type ClipMode = 'shift-after-clip' | 'clip-after-shift';

/**
 * λ_shifted(t) = λ(t) + shift. With shift = 2·ln(b/d) this is the schedule for resolution d against
 * base resolution b (simple diffusion, eq. 4); with shift = 2·ln(scale) it is Chen 2023's input
 * scaling; with shift = −2·ln k it is SD3's timestep shift (see rectifiedFlowSchedule).
 */
export function shiftedSchedule(
  base: Schedule,
  shift: number,
  clipMode: ClipMode = 'shift-after-clip',
  clipRange: readonly [LogSnr, LogSnr] = [COSINE_LOGSNR_MIN, COSINE_LOGSNR_MAX],
): Schedule {
  if (shift === 0) return base;
  if (clipMode === 'shift-after-clip') {
    const inverse = base.timeFromLogSnr;
    return {
      logSnr: (t) => asLogSnr(base.logSnr(t) + shift),
      timeFromLogSnr: inverse ? (logSnr) => inverse(asLogSnr(logSnr - shift)) : undefined,
    };
  }
  const [low, high] = clipRange;
  return { logSnr: (t) => asLogSnr(Math.min(high, Math.max(low, base.logSnr(t) + shift))) };
}

/**
 * Interpolated cosine (simple diffusion, §3.1, used there at 512 px with lo = 32, hi = 256):
 * λ(t) = t·λ_shift(hi)(t) + (1 − t)·λ_shift(lo)(t), where λ_shift(r) is the cosine schedule shifted
 * by 2·ln(base/r). Low noise follows the low-resolution shift, high noise the high one.
 */
export function interpolatedCosineSchedule(base: number, lo: number, hi: number): Schedule {
  const cosine = cosineSchedule();
  const shiftLo = resolutionShift(base, lo);
  const shiftHi = resolutionShift(base, hi);
  return { logSnr: (t) => asLogSnr(cosine.logSnr(t) + t * shiftHi + (1 - t) * shiftLo) };
}

/**
 * Linear-β DDPM (Ho et al. 2020: β from 1e-4 to 0.02 over N = 1000 steps) in continuous time, as
 * the VP SDE of Song et al. 2021: −log ᾱ(t) = β̄_min·t + ½(β̄_max − β̄_min)·t² with β̄ = N·β.
 * t is clamped below at 1/N, the first discrete step, so λ(0) ≈ 9.1 stays finite like DDPM's.
 */
/** Linear-β DDPM's β range and step count (Ho et al. 2020). */
export const LINEAR_BETA = { start: 1e-4, end: 0.02, steps: 1000 } as const;

export function linearDdpmSchedule(
  betaStart: number = LINEAR_BETA.start,
  betaEnd: number = LINEAR_BETA.end,
  steps: number = LINEAR_BETA.steps,
): Schedule {
  const betaMin = betaStart * steps;
  const betaMax = betaEnd * steps;
  const tFloor = 1 / steps;
  // λ = log ᾱ − log(1 − ᾱ) with A = −log ᾱ > 0: λ = −A − log(−expm1(−A)).
  const logSnrFromA = (a: number): number => -a - Math.log(-Math.expm1(-a));
  return {
    logSnr: (t) => {
      const time = Math.max(t, tFloor);
      return asLogSnr(logSnrFromA(betaMin * time + 0.5 * (betaMax - betaMin) * time * time));
    },
    timeFromLogSnr: (logSnr) => {
      const a = -logSigmoid(logSnr); // A = −log ᾱ = −log sigmoid(λ)
      const half = 0.5 * (betaMax - betaMin);
      return asTime((-betaMin + Math.sqrt(betaMin * betaMin + 4 * half * a)) / (2 * half));
    },
  };
}

/**
 * Sigmoid schedule (Chen 2023, "On the importance of noise scheduling", Alg. 1; also RIN):
 * ᾱ(t) = (σ(end/τ) − σ((t·(end − start) + start)/τ)) / (σ(end/τ) − σ(start/τ)), λ = logit(ᾱ),
 * clipped to [−15, 15] because ᾱ reaches exactly 1 and 0 at the ends.
 */
/** The sigmoid schedule's defaults (Chen 2023, RIN). */
export const SIGMOID_DEFAULTS = { start: -3, end: 3, tau: 1 } as const;

export function sigmoidSchedule(
  start: number = SIGMOID_DEFAULTS.start,
  end: number = SIGMOID_DEFAULTS.end,
  tau: number = SIGMOID_DEFAULTS.tau,
): Schedule {
  const vStart = sigmoid(start / tau);
  const vEnd = sigmoid(end / tau);
  const clip = (logSnr: number): number => Math.min(COSINE_LOGSNR_MAX, Math.max(COSINE_LOGSNR_MIN, logSnr));
  return {
    logSnr: (t) => {
      const alphaBar = (vEnd - sigmoid((t * (end - start) + start) / tau)) / (vEnd - vStart);
      return asLogSnr(clip(logit(Math.min(1, Math.max(0, alphaBar)))));
    },
    timeFromLogSnr: (logSnr) => {
      const inner = vEnd - sigmoid(logSnr) * (vEnd - vStart);
      return asTime((tau * logit(inner) - start) / (end - start));
    },
  };
}

/**
 * EDM / Karras et al. 2022 (eq. 5) noise levels, read as a schedule over t:
 * σ(t) = (σ_min^(1/ρ) + t·(σ_max^(1/ρ) − σ_min^(1/ρ)))^ρ and λ = −2·ln σ (EDM's σ is the
 * noise-to-signal ratio of the equivalent VP process).
 */
/** EDM's σ range and ρ (Karras et al. 2022, Table 1). */
export const EDM_SIGMAS = { min: 0.002, max: 80, rho: 7 } as const;

export function edmSchedule(
  sigmaMin: number = EDM_SIGMAS.min,
  sigmaMax: number = EDM_SIGMAS.max,
  rho: number = EDM_SIGMAS.rho,
): Schedule {
  const low = sigmaMin ** (1 / rho);
  const high = sigmaMax ** (1 / rho);
  return {
    logSnr: (t) => asLogSnr(-2 * rho * Math.log(low + t * (high - low))),
    timeFromLogSnr: (logSnr) => asTime((Math.exp(-logSnr / (2 * rho)) - low) / (high - low)),
  };
}

/**
 * Rectified flow (Liu et al. 2022; SD3, Esser et al. 2024): x_t = (1 − t)·x_0 + t·ε. Not variance
 * preserving; converted by λ = 2·ln((1 − t)/t), which is what a VP model at the same SNR sees.
 * SD3's timestep shift t' = k·t / (1 + (k − 1)·t) equals λ' = λ − 2·ln k exactly.
 * Clipped to [−15, 15] because λ is infinite at both ends.
 */
export function rectifiedFlowSchedule(shiftK = 1): Schedule {
  const offset = sd3LogSnrOffset(shiftK);
  return {
    logSnr: (t) =>
      asLogSnr(Math.min(COSINE_LOGSNR_MAX, Math.max(COSINE_LOGSNR_MIN, 2 * (Math.log1p(-t) - Math.log(t)) + offset))),
    timeFromLogSnr: (logSnr) => asTime(sigmoid(-(logSnr - offset) / 2)),
  };
}

/** The λ offset of SD3's timestep shift k: −2·ln k (nats, not a λ: see LogSnr). */
export const sd3LogSnrOffset = (shiftK: number): number => -2 * Math.log(shiftK);

/** SD3's timestep shift applied to a rectified-flow time: t' = k·t / (1 + (k − 1)·t). */
export const sd3ShiftTime = (t: Time, shiftK: number): Time => asTime((shiftK * t) / (1 + (shiftK - 1) * t));

/**
 * t(λ) for any decreasing schedule: the closed form when there is one, else bisection to 1e-12.
 * Returns 0 or 1 when λ lies outside the schedule's range.
 */
export function timeFromLogSnr(schedule: Schedule, logSnr: LogSnr): Time {
  if (schedule.timeFromLogSnr) return asTime(Math.min(1, Math.max(0, schedule.timeFromLogSnr(logSnr))));
  let low = 0;
  let high = 1;
  if (logSnr >= schedule.logSnr(asTime(0))) return asTime(0);
  if (logSnr <= schedule.logSnr(asTime(1))) return asTime(1);
  for (let i = 0; i < 60 && high - low > 1e-12; i++) {
    const mid = 0.5 * (low + high);
    if (schedule.logSnr(asTime(mid)) > logSnr) low = mid;
    else high = mid;
  }
  return asTime(0.5 * (low + high));
}
