import { useEffect } from 'react';
import type { Update } from '../urlState';
import { lessonStep } from './lessonSteps';

/**
 * Entering a step (from a link, the buttons, the keys or an edited hash) sets the state it needs
 * (t, H, L, the shift, the chart …), so the view shows what the text says. Only on entering:
 * afterwards the student may move every control.
 */
export function useLessonState(step: number, update: Update): void {
  useEffect(() => {
    const current = lessonStep(step);
    if (current) update(current.state);
  }, [step, update]);
}
