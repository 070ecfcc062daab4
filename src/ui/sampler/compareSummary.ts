/**
 * The words and numbers compare mode shows about its two runs. Pure, so they are unit-tested.
 */
import type { TrainingSchedule } from '../../math/samplingGrid';
import { tr } from '../i18n/i18n';
import { minus, trainingScheduleText } from '../i18n/labels';
import type { AppState } from '../urlState';
import { isRunning, type RunPhase } from './SampleFigures';

/**
 * One line under a column: "Sampled with emoji128w-shifted's training schedule: cosine λ ∈ [−15, 15]
 * shifted by −1.386 nats." `owner`: whose training schedule `name` ran on.
 */
export function scheduleCaption(
  state: Pick<AppState, 'source' | 'sshift'>,
  name: string,
  owner: string,
  schedule: TrainingSchedule,
): string {
  const extra = state.sshift !== 0 ? tr('compare.plusShift', { shift: minus(state.sshift.toFixed(2)) }) : '';
  if (state.source === 'lab') return tr('compare.captionLab', { extra });
  const schedule_ = trainingScheduleText(schedule);
  if (owner === name) return tr('compare.captionOwn', { schedule: schedule_, extra });
  return tr('compare.captionOther', { owner, schedule: schedule_, extra });
}

/** compare-status-<name>'s text: `done` once the column's result is drawn (as sample-status). */
export function columnStatus(phase: RunPhase): string {
  if (phase === 'empty') return 'idle';
  if (isRunning(phase)) return 'sampling';
  return phase;
}

/**
 * Both columns' progress as one fraction for sample-progress. Both run the same number of steps;
 * a column that has not started yet reports 0 of 0.
 */
export function compareFraction(runs: readonly { step: number; steps: number }[]): number {
  const steps = runs.length * Math.max(0, ...runs.map((run) => run.steps));
  return steps ? runs.reduce((sum, run) => sum + run.step, 0) / steps : 0;
}
