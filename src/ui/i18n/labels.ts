/**
 * Words for values the pure code names in English (src/math keeps no translations): schedule
 * families, training schedules, byte counts, durations. Called during render, so they follow the
 * current language.
 */
import { SD3_SHIFT, type ScheduleId } from '../../math/scheduleCatalog';
import type { TrainingSchedule } from '../../math/samplingGrid';
import { tr } from './i18n';

/** A proper minus sign, as the readouts write it. */
export const minus = (text: string): string => text.replace(/-/g, '−');

export const scheduleLabel = (id: ScheduleId): string => tr(`schedules.${id}`, { k: SD3_SHIFT });

/** "cosine λ ∈ [−15, 15], no shift" / "… shifted by −1.386 nats" in the user's language. */
export function trainingScheduleText(schedule: TrainingSchedule): string {
  const range = minus(`λ ∈ [${schedule.logSnrMin}, ${schedule.logSnrMax}]`);
  const name = tr(`labels.family.${schedule.name}`, { defaultValue: schedule.name });
  if (schedule.shift === 0) return tr('labels.scheduleNoShift', { name, range });
  return tr('labels.scheduleShifted', { name, range, shift: minus(schedule.shift.toFixed(3)) });
}

/** A conditional model's category ("smileys" → "Smileys & emotion"); a name we have no words for as it is. */
export const classLabel = (name: string): string => tr(`classes.${name}`, { defaultValue: name });
