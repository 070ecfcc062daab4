import { useEffect, useRef } from 'react';

/** Keys a focused control needs for itself: the arrows move sliders, selects, radios and text carets. */
function controlOwnsArrows(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'button', 'submit'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * ← / → step through the lesson, on the whole page, unless a focused control uses the arrows
 * (the t slider, a select, a number field) or presentation mode has them (`active` false: there
 * they move t; usePresentationKeys).
 */
export function useLessonKeys(active: boolean, previous: () => void, next: () => void): void {
  const handlers = useRef({ previous, next });
  useEffect(() => {
    handlers.current = { previous, next };
  }, [previous, next]);
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || controlOwnsArrows(event.target)) return;
      if (event.key === 'ArrowRight') handlers.current.next();
      else if (event.key === 'ArrowLeft') handlers.current.previous();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}
