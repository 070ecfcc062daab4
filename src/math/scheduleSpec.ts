/**
 * A schedule as data: a family plus the lab's options. The chart, the sampler and the code
 * export all build from the same spec, so what is plotted is what is exported.
 */
import {
  COSINE_LOGSNR_MAX,
  COSINE_LOGSNR_MIN,
  interpolatedCosineSchedule,
  shiftedSchedule,
  type ClipMode,
  type Schedule,
} from './schedules';
import { SCHEDULES, type ScheduleId } from './scheduleCatalog';

export interface ScheduleSpec {
  family: ScheduleId;
  /** Base resolution and the two resolutions of the interpolated cosine family. */
  interpolation: { base: number; lo: number; hi: number };
  /** logSNR shift in nats added on top of the family (0 for none). */
  shift: number;
  clipMode: ClipMode;
}

/**
 * The spec as the exports write it: only what the schedule has (the interpolation's resolutions
 * only for the interpolated cosine, which is the one family that reads them).
 */
export function specForExport(spec: ScheduleSpec): Omit<ScheduleSpec, 'interpolation'> & Partial<ScheduleSpec> {
  const { interpolation, ...rest } = spec;
  return spec.family === 'cosine-interpolated' ? { ...rest, interpolation } : rest;
}

export function buildSchedule(spec: ScheduleSpec): Schedule {
  const base =
    spec.family === 'cosine-interpolated'
      ? interpolatedCosineSchedule(spec.interpolation.base, spec.interpolation.lo, spec.interpolation.hi)
      : SCHEDULES[spec.family].create();
  return shiftedSchedule(base, spec.shift, spec.clipMode, [COSINE_LOGSNR_MIN, COSINE_LOGSNR_MAX]);
}
