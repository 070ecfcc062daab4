/**
 * The λ grid a sample runs along, from a sampling spec: the model's training schedule (the clipped
 * cosine of its manifest, moved by the manifest's shift) or a schedule spec, moved by the sampler's
 * own shift, spaced by a spacing. The model is λ-conditioned, so any of them is a valid input.
 */
import { asLogSnr, asLogSnrGrid, asTime, type LogSnr, type LogSnrGrid, type Time } from './logSnr';
import { cosineSchedule, COSINE_LOGSNR_MAX, COSINE_LOGSNR_MIN, shiftedSchedule, type Schedule } from './schedules';
import { buildSchedule, type ScheduleSpec } from './scheduleSpec';
import { stepTimes, type Spacing } from './spacing';

/**
 * A model's training schedule as its manifest states it (snrlab.schedule): the cosine clipped to
 * [logSnrMin, logSnrMax], then moved by `shift` nats (simple diffusion's resolution shift,
 * 2·ln(64/d) for a d-pixel model; −1 for emoji64 since its run 6).
 */
export interface TrainingSchedule {
  name: 'cosine';
  logSnrMin: LogSnr;
  logSnrMax: LogSnr;
  /** Nats added after clipping (the clipped range moves with it, as train/diffusion.py does). */
  shift: number;
}

/**
 * A training schedule as the model files write it (model.json's snrlab.schedule, index.json's
 * trainingSchedule: `{name, logsnr_min, logsnr_max, shift}`, train/diffusion.py's names) in
 * TypeScript's names: the one conversion between the two spellings, and the one check of the
 * block, for the models index and the loaded manifest alike (so it is where the λ range is branded).
 * Throws an Error saying what is wrong.
 */
export function parseTrainingSchedule(value: unknown): TrainingSchedule {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error('the schedule must be an object');
  const block = value as Record<string, unknown>;
  if (block.name !== 'cosine') {
    throw new Error(`the training schedule “${String(block.name)}” is not one the app knows (cosine)`);
  }
  const [logSnrMin, logSnrMax, shift] = (['logsnr_min', 'logsnr_max', 'shift'] as const).map((key) => {
    const number = block[key];
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new Error(`schedule.${key} must be a number`);
    return number;
  });
  if (!(logSnrMin < logSnrMax)) throw new Error('the schedule needs logsnr_min < logsnr_max');
  return { name: 'cosine', logSnrMin: asLogSnr(logSnrMin), logSnrMax: asLogSnr(logSnrMax), shift };
}

/** The cosine in [−15, 15] without a shift: the training schedule of a manifest that states none. */
export const PLAIN_COSINE: TrainingSchedule = {
  name: 'cosine',
  logSnrMin: COSINE_LOGSNR_MIN,
  logSnrMax: COSINE_LOGSNR_MAX,
  shift: 0,
};

export interface SamplingSpec {
  /** The model's training schedule, or the schedule built from a lab spec. */
  schedule: TrainingSchedule | ScheduleSpec;
  /** The sampler's shift in nats, added on top of the schedule's own. */
  shift: number;
  steps: number;
  spacing: Spacing;
}

export const isTrainingSchedule = (schedule: TrainingSchedule | ScheduleSpec): schedule is TrainingSchedule =>
  !('family' in schedule);

/**
 * The one formula for a sampling schedule: the base (training cosine or lab spec) moved by the
 * sampler's shift. For a training schedule the two shifts add into one, applied after clipping
 * ('shift-after-clip', src/math/schedules.ts): every λ of the grid moves by exactly their sum.
 */
export function samplingSchedule(spec: SamplingSpec): Schedule {
  if (isTrainingSchedule(spec.schedule)) {
    const { logSnrMin, logSnrMax, shift } = spec.schedule;
    return shiftedSchedule(cosineSchedule(logSnrMin, logSnrMax), shift + spec.shift);
  }
  return shiftedSchedule(buildSchedule(spec.schedule), spec.shift);
}

/**
 * The first index i where logSnrs[i] does not rise above logSnrs[i − 1], or −1 when the grid
 * increases strictly (noisy → clean), as every sampler needs.
 */
export function firstFlatStep(logSnrs: ArrayLike<LogSnr>): number {
  for (let i = 1; i < logSnrs.length; i++) if (!(logSnrs[i] > logSnrs[i - 1])) return i;
  return -1;
}

/**
 * Increasing logSNRs (noisy → clean) for a full sample, or for an SDEdit resample starting at
 * `fromTime` (the full grid's steps below it).
 * Throws with a clear message when the schedule is flat somewhere (λ not strictly increasing).
 */
export function samplingLogSnrs(spec: SamplingSpec, fromTime: Time = asTime(1)): LogSnrGrid {
  const schedule = samplingSchedule(spec);
  const times = Array.from(stepTimes(schedule, spec.steps, spec.spacing), asTime);
  // SDEdit: the steps of the full grid that lie below the start time, after the start itself.
  const grid = fromTime < 1 ? [fromTime, ...times.filter((t) => t < fromTime)] : times;
  const logSnrs = asLogSnrGrid(Float64Array.from(grid, (t) => schedule.logSnr(t)));
  const flat = firstFlatStep(logSnrs);
  if (flat >= 0) {
    throw new Error(
      `This schedule is flat between t = ${grid[flat - 1].toFixed(3)} and ${grid[flat].toFixed(3)} (λ does not change), so those steps would do nothing. Use “shift after clip” or fewer steps.`,
    );
  }
  return logSnrs;
}

/** Whether two training schedules are the same to within float rounding. */
export function sameTrainingSchedule(a: TrainingSchedule, b: TrainingSchedule): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) < 1e-9;
  return (
    a.name === b.name && close(a.logSnrMin, b.logSnrMin) && close(a.logSnrMax, b.logSnrMax) && close(a.shift, b.shift)
  );
}
