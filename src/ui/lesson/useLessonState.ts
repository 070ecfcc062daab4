import { useEffect } from 'react';
import type { AppState, Update } from '../urlState';
import { lessonStep } from './lessonSteps';

/**
 * Entering a step (from a link, the buttons, the keys or an edited hash) sets the state it needs
 * (t, H, L, the shift, the chart …), so the view shows what the text says. Only on entering:
 * afterwards the student may move every control.
 *
 * The step the page's own link opens keeps the keys that link gives (`#lesson=5&t=0.3` opens
 * step 5 at t = 0.3), so a teacher can link a step with their own settings; once the student
 * leaves that step, every step sets its own state again.
 */
export function useLessonState(step: number, update: Update): void {
  useEffect(() => {
    const current = lessonStep(step);
    if (!current) return;
    if (step !== opening.step) opening.keys = new Set();
    update(withoutKeys(current.state, opening.keys));
  }, [step, update]);
}

/** The link the page was opened with, read when the app loads: its lesson step and its keys. */
const opening: { step: number | null; keys: ReadonlySet<string> } = openingLink(
  typeof window === 'undefined' ? '' : window.location.hash,
);

export function openingLink(hash: string): { step: number | null; keys: ReadonlySet<string> } {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const step = Number(params.get('lesson'));
  return Number.isInteger(step) && step > 0 ? { step, keys: new Set(params.keys()) } : { step: null, keys: new Set() };
}

/** `state` without the keys the link gave. */
export function withoutKeys(state: Partial<AppState>, keys: ReadonlySet<string>): Partial<AppState> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => !keys.has(key))) as Partial<AppState>;
}
