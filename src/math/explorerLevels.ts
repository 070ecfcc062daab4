/**
 * The noise levels of the explorer's three panels at one t: the L image with the schedule's λ, the
 * H image with λ (or, shifted, λ + 2·ln(L/H)), and the H image pooled to L, whose logSNR is the H
 * logSNR plus 2·ln(H/L) for a signal that is smooth at the pooling scale.
 */
import { alphaFromLogSnr, resolutionShift, sigmaFromLogSnr } from './logSnr';
import type { Schedule } from './schedules';

export interface ExplorerLevels {
  logSnrHi: number;
  logSnrLo: number;
  /** Theoretical logSNR of the pooled H image: logSnrHi + 2·ln(H/L). */
  logSnrPooled: number;
  alphaHi: number;
  sigmaHi: number;
  alphaLo: number;
  sigmaLo: number;
}

export function explorerLevels(
  schedule: Schedule,
  t: number,
  hi: number,
  lo: number,
  shiftHi: boolean,
): ExplorerLevels {
  const logSnrLo = schedule.logSnr(t);
  // Shifting here moves the whole curve (shift after clip), so pooled H matches L exactly.
  const logSnrHi = logSnrLo + (shiftHi ? resolutionShift(lo, hi) : 0);
  return {
    logSnrHi,
    logSnrLo,
    logSnrPooled: logSnrHi + 2 * Math.log(hi / lo),
    alphaHi: alphaFromLogSnr(logSnrHi),
    sigmaHi: sigmaFromLogSnr(logSnrHi),
    alphaLo: alphaFromLogSnr(logSnrLo),
    sigmaLo: sigmaFromLogSnr(logSnrLo),
  };
}
