/**
 * The noise levels of the explorer's three panels at one t: the L image with the schedule's λ, the
 * H image with λ (or, shifted, λ + 2·ln(L/H)), and the H image pooled to L, whose logSNR is the H
 * logSNR plus 2·ln(H/L) for a signal that is smooth at the pooling scale.
 */
import { alphaFromLogSnr, asLogSnr, resolutionShift, sigmaFromLogSnr, type LogSnr, type Time } from './logSnr';
import type { Schedule } from './schedules';

/**
 * The three λs, and α, σ from each (for the mix). Where α² or σ² is wanted (the readouts, the
 * spectrum chart), it is alphaSquared or sigmaSquared of the λ: the stable form, not α·α.
 */
export interface ExplorerLevels {
  logSnrHi: LogSnr;
  logSnrLo: LogSnr;
  /** Theoretical logSNR of the pooled H image: logSnrHi + 2·ln(H/L). */
  logSnrPooled: LogSnr;
  alphaHi: number;
  sigmaHi: number;
  alphaLo: number;
  sigmaLo: number;
  /** α, σ of a variance-preserving x_t at logSnrPooled: what the re-normalised pooled panel is. */
  alphaPooled: number;
  sigmaPooled: number;
}

/** How the pooled panel is shown: re-normalised to unit variance, or the plain average. */
export type PooledView = 'unit' | 'raw';

/** Scales applied to pool(x_0) and to pool(ε_H) (whose per-pixel variance is 1/s²) in the pooled panel. */
export interface PooledMix {
  signalScale: number;
  noiseScale: number;
}

/**
 * pool(x_t) = α_H·pool(x_0) + σ_H·pool(ε_H), and pool(ε_H) has variance 1/s² (s = H/L). Divided by
 * its noise-and-signal scale √(α_H² + σ_H²/s²) it is α'·pool(x_0) + σ'·(s·pool(ε_H)), with
 * s·pool(ε_H) ~ N(0, I) and α'² = sigmoid(λ_H + 2·ln s), σ'² = sigmoid(−λ_H − 2·ln s): exactly a
 * variance-preserving x_t at logSNR λ_H + 2·ln s. With the shift on that is L's λ, so the 'unit'
 * panel is a draw from the same distribution as the L panel; 'raw' shows the plain average, whose
 * contrast shrinks with α_H.
 */
export function pooledMix(levels: ExplorerLevels, factor: number, view: PooledView): PooledMix {
  return view === 'unit'
    ? { signalScale: levels.alphaPooled, noiseScale: levels.sigmaPooled * factor }
    : { signalScale: levels.alphaHi, noiseScale: levels.sigmaHi };
}

export function explorerLevels(schedule: Schedule, t: Time, hi: number, lo: number, shiftHi: boolean): ExplorerLevels {
  const logSnrLo = schedule.logSnr(t);
  // Shifting here moves the whole curve (shift after clip), so pooled H matches L exactly.
  const logSnrHi = asLogSnr(logSnrLo + (shiftHi ? resolutionShift(lo, hi) : 0));
  const logSnrPooled = asLogSnr(logSnrHi + resolutionShift(hi, lo)); // pooling H → L: SNR × (H/L)²
  return {
    logSnrHi,
    logSnrLo,
    logSnrPooled,
    alphaHi: alphaFromLogSnr(logSnrHi),
    sigmaHi: sigmaFromLogSnr(logSnrHi),
    alphaLo: alphaFromLogSnr(logSnrLo),
    sigmaLo: sigmaFromLogSnr(logSnrLo),
    alphaPooled: alphaFromLogSnr(logSnrPooled),
    sigmaPooled: sigmaFromLogSnr(logSnrPooled),
  };
}
