/**
 * What the page shows for a state: the whole page, one view alone (`embed=explorer|lab|sampler`,
 * for an iframe), or the lesson's card over the view its step is about (`lesson=N`, and
 * `embed=lesson` for the lesson without the page's header).
 */
import { lessonStep, type ViewId } from '../lesson/lessonSteps';
import type { AppState } from '../urlState';

export const VIEW_IDS: readonly ViewId[] = ['explorer', 'lab', 'sampler'];

export interface PageLayout {
  /** The page's header, notices' context and footer: not in an embed. */
  chrome: boolean;
  /** The lesson's card, and the step it shows. */
  lesson: number;
  /** The views shown, in page order. */
  views: readonly ViewId[];
}

export function pageLayout(state: Pick<AppState, 'embed' | 'lesson'>): PageLayout {
  const { embed } = state;
  if (embed === 'explorer' || embed === 'lab' || embed === 'sampler')
    return { chrome: false, lesson: 0, views: [embed] };
  const lesson = embed === 'lesson' ? Math.max(1, state.lesson) : state.lesson;
  const step = lessonStep(lesson);
  if (step) return { chrome: embed === 'off', lesson, views: [step.view] };
  return { chrome: true, lesson: 0, views: VIEW_IDS };
}
