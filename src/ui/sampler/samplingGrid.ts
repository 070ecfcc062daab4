/**
 * The λ grid a sample runs along, from the app state: the model's training schedule (cosine,
 * λ ∈ [−15, 15]) or the lab's schedule, shifted by the sampler's own shift, spaced by the lab's
 * spacing. The model is λ-conditioned, so any of them is a valid input.
 */
import { cosineSchedule, shiftedSchedule, type Schedule } from '../../math/schedules';
import { buildSchedule } from '../../math/scheduleSpec';
import { stepTimes } from '../../math/spacing';
import { labSpec } from '../lab/labModel';
import type { AppState } from '../urlState';

export function samplingSchedule(state: AppState): Schedule {
  const base = state.source === 'training' ? cosineSchedule() : buildSchedule(labSpec(state));
  return shiftedSchedule(base, state.sshift);
}

/**
 * Increasing logSNRs (noisy → clean) for a full sample, or for an SDEdit resample starting at
 * `fromTime` (the full grid's steps below it).
 * Throws with a clear message when the schedule is flat somewhere (λ not strictly increasing).
 */
export function samplingLogSnrs(state: AppState, fromTime = 1): Float64Array {
  const schedule = samplingSchedule(state);
  const times = Array.from(stepTimes(schedule, state.steps, state.spacing));
  // SDEdit: the steps of the full grid that lie below the start time, after the start itself.
  const grid = fromTime < 1 ? [fromTime, ...times.filter((t) => t < fromTime)] : times;
  const logSnrs = Float64Array.from(grid, (t) => schedule.logSnr(t));
  for (let i = 1; i < logSnrs.length; i++) {
    if (!(logSnrs[i] > logSnrs[i - 1])) {
      throw new Error(
        `This schedule is flat between t = ${grid[i - 1].toFixed(3)} and ${grid[i].toFixed(3)} (λ does not change), so those steps would do nothing. Use “shift after clip” or fewer steps.`,
      );
    }
  }
  return logSnrs;
}
