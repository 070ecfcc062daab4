/**
 * Timing readouts for a sampling run: a running median of the step times, elapsed time and an
 * ETA. Pure functions (no DOM, no React), so the arithmetic is unit-tested.
 *
 * Why a median: single step times jump (333 ↔ 2045 ms seen on WebGPU, where a readback sometimes
 * waits for a queued shader compile or a GC pause); the mean over a window follows each spike,
 * the median of the last few steps ignores it and still tracks a real change of speed within a
 * few steps.
 */
import { tr } from '../i18n/i18n';

/** How many recent steps the running median looks at: odd, so the median is one real step time. */
export const MEDIAN_WINDOW = 9;

/** The median of `values` (NaN for none); the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The median of the last `window` step times in ms (NaN before the first step). */
export function runningMedianMs(stepMs: readonly number[], window = MEDIAN_WINDOW): number {
  return median(stepMs.slice(-window));
}

/**
 * Milliseconds left: the steps not yet done at the running median's pace, less the time already
 * spent on the step in progress (so the ETA counts down between steps), never below 0.
 * NaN while no step has finished (no pace to go by yet).
 */
export function etaMs(stepsDone: number, steps: number, msPerStep: number, msIntoCurrentStep: number): number {
  if (!(msPerStep >= 0) || stepsDone <= 0) return Number.NaN;
  const remaining = Math.max(0, steps - stepsDone);
  if (remaining === 0) return 0;
  return Math.max(0, remaining * msPerStep - Math.max(0, msIntoCurrentStep));
}

/** "0.4 s", "12.3 s", "2 min 05 s"; "–" for an unknown (NaN) duration. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return tr('units.seconds', { s: seconds.toFixed(1) });
  const whole = Math.round(seconds);
  return tr('units.minutes', { min: Math.floor(whole / 60), s: String(whole % 60).padStart(2, '0') });
}

/** What a run's readouts need, in performance.now() milliseconds. */
export interface RunTimes {
  /** Steps finished so far, of `steps`. */
  step: number;
  steps: number;
  /** Each finished step's time in ms, oldest first (as the worker measured it). */
  stepMs: number[];
  /** When the run was asked for, and when the last step's progress arrived. */
  startedAt: number;
  lastStepAt: number;
  /** The worker's total once the run is done; null while it runs (or after a cancel). */
  totalMs: number | null;
}

/** A run that has not started: the readouts show dashes. */
export const NO_RUN: RunTimes = { step: 0, steps: 0, stepMs: [], startedAt: 0, lastStepAt: 0, totalMs: null };
