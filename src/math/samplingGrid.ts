/**
 * The λ grid a sample runs along, from a sampling spec: the model's training schedule (cosine,
 * λ ∈ [−15, 15]) or a schedule spec, moved by the sampler's own shift, spaced by a spacing. The
 * model is λ-conditioned, so any of them is a valid input.
 */
import { cosineSchedule, shiftedSchedule, type Schedule } from './schedules';
import { buildSchedule, type ScheduleSpec } from './scheduleSpec';
import { stepTimes, type Spacing } from './spacing';

export interface SamplingSpec {
  /** 'training': the model's own cosine schedule; otherwise the schedule built from this spec. */
  schedule: 'training' | ScheduleSpec;
  /** The sampler's shift in nats, added on top of the schedule's own. */
  shift: number;
  steps: number;
  spacing: Spacing;
}

export function samplingSchedule(spec: SamplingSpec): Schedule {
  const base = spec.schedule === 'training' ? cosineSchedule() : buildSchedule(spec.schedule);
  return shiftedSchedule(base, spec.shift);
}

/**
 * The first index i where logSnrs[i] does not rise above logSnrs[i − 1], or −1 when the grid
 * increases strictly (noisy → clean), as every sampler needs.
 */
export function firstFlatStep(logSnrs: ArrayLike<number>): number {
  for (let i = 1; i < logSnrs.length; i++) if (!(logSnrs[i] > logSnrs[i - 1])) return i;
  return -1;
}

/**
 * Increasing logSNRs (noisy → clean) for a full sample, or for an SDEdit resample starting at
 * `fromTime` (the full grid's steps below it).
 * Throws with a clear message when the schedule is flat somewhere (λ not strictly increasing).
 */
export function samplingLogSnrs(spec: SamplingSpec, fromTime = 1): Float64Array {
  const schedule = samplingSchedule(spec);
  const times = Array.from(stepTimes(schedule, spec.steps, spec.spacing));
  // SDEdit: the steps of the full grid that lie below the start time, after the start itself.
  const grid = fromTime < 1 ? [fromTime, ...times.filter((t) => t < fromTime)] : times;
  const logSnrs = Float64Array.from(grid, (t) => schedule.logSnr(t));
  const flat = firstFlatStep(logSnrs);
  if (flat >= 0) {
    throw new Error(
      `This schedule is flat between t = ${grid[flat - 1].toFixed(3)} and ${grid[flat].toFixed(3)} (λ does not change), so those steps would do nothing. Use “shift after clip” or fewer steps.`,
    );
  }
  return logSnrs;
}
