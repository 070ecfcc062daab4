/**
 * The one place that turns URL state into the specs the pure code takes: the lab's schedule spec
 * and shift, and the sampler's sampling spec. Each takes only the keys it is made of, so the lab
 * and the sampler can hand it their own slice; helpers below take specs, not the state.
 */
import { resolutionShift } from '../math/logSnr';
import { PLAIN_COSINE, type SamplingSpec, type TrainingSchedule } from '../math/samplingGrid';
import type { ScheduleSpec } from '../math/scheduleSpec';
import type { AppState } from './urlState';

/** The keys of the lab's shift. */
export type LabShiftState = Pick<AppState, 'shiftBy' | 'base' | 'target' | 'nats'>;
/** The keys of the lab's schedule (the sampler's too, with source=lab). */
export type LabSpecState = LabShiftState & Pick<AppState, 'schedule' | 'interpLo' | 'interpHi' | 'clip'>;
/** The keys of what a sample runs along. */
export type SamplingState = LabSpecState & Pick<AppState, 'source' | 'sshift' | 'steps' | 'spacing'>;

/** The lab's shift in nats: 2·ln(base/target) or the free value. */
export function labShift(state: LabShiftState): number {
  return state.shiftBy === 'resolution' ? resolutionShift(state.base, state.target) : state.nats;
}

/** The lab's schedule, shifted by `shift` (by default the lab's own shift). */
export function labSpec(state: LabSpecState, shift = labShift(state)): ScheduleSpec {
  return {
    family: state.schedule,
    interpolation: { base: state.base, lo: state.interpLo, hi: state.interpHi },
    shift,
    clipMode: state.clip,
  };
}

/**
 * What a sample runs along: the model's training schedule (from its manifest; the plain cosine
 * when none is given) or the lab's, the sampler's shift on top, steps, spacing.
 */
export function samplingSpec(state: SamplingState, training: TrainingSchedule = PLAIN_COSINE): SamplingSpec {
  return {
    schedule: state.source === 'training' ? training : labSpec(state),
    shift: state.sshift,
    steps: state.steps,
    spacing: state.spacing,
  };
}
