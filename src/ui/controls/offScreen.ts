/**
 * Views the user cannot see skip the work of following the app state: a slider step in the
 * explorer re-rendered the schedule lab and the sampler (and redrew their charts) even when they
 * were scrolled away, and those renders landed between slider steps (docs/BENCHMARKS.md §1).
 */
import { useEffect, useState, type RefObject } from 'react';

/** How far outside the viewport a view still counts as on screen, so it is current when scrolled to. */
const ON_SCREEN_MARGIN = '200px';

/**
 * Whether `ref`'s element is on (or within a margin of) the screen. True until the first
 * observation and where IntersectionObserver is missing, so nothing is ever held by mistake. An
 * element that is `hidden` (display: none) is off screen.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => setOnScreen(entries[entries.length - 1].isIntersecting), {
      rootMargin: ON_SCREEN_MARGIN,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}

/**
 * Whether `ref`'s element has ever come on (or within the margin of) the screen: sticky, for work
 * worth doing only once someone may look (mounting an off-screen chart cost ~1 s of main thread
 * during the page load, docs/BENCHMARKS.md §3). True at once where IntersectionObserver is missing,
 * and before printing, so a printout has every chart. `watching`: start looking only once the
 * layout is settled (after the first image paints; before it, everything is near the top).
 */
export function useApproached(ref: RefObject<Element | null>, watching: boolean): boolean {
  const [approached, setApproached] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (approached || !watching || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setApproached(true);
      },
      { rootMargin: ON_SCREEN_MARGIN },
    );
    observer.observe(element);
    const beforePrint = () => setApproached(true);
    window.addEventListener('beforeprint', beforePrint);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', beforePrint);
    };
  }, [ref, approached, watching]);
  return approached;
}

/**
 * `value` while on screen; off screen, the last value seen on screen, so memo'd children given it
 * skip rendering until the view comes back (and then render once with the current value).
 */
export function useHeldOffScreen<T>(value: T, onScreen: boolean): T {
  const [held, setHeld] = useState(value);
  // Derived state from the previous render, the pattern React documents for it.
  if (onScreen && held !== value) setHeld(value);
  return onScreen ? value : held;
}
