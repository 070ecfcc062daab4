import { useRef, useState, type ReactNode } from 'react';
import { useOnScreen } from './controls/offScreen';
import type { ViewId } from './lesson/lessonSteps';
import type { AppState } from './urlState';
import { viewState } from './viewState';

interface ViewProps {
  view: ViewId;
  /** Not shown on this lesson step (kept mounted so its work survives). */
  hidden: boolean;
  state: AppState;
  /** Gets the live state while the view is on screen; off screen, t stays at its last shown value. */
  children: (state: AppState) => ReactNode;
}

/** One view of the page (explorer, lab, sampler). */
export function View({ view, hidden, state, children }: ViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(ref);
  const [shown, setShown] = useState(state);
  const next = viewState(shown, state, onScreen);
  // Derived from the previous render's value: the pattern React documents for it.
  if (next !== shown) setShown(next);
  return (
    <div ref={ref} className="view" hidden={hidden} data-view={view}>
      {children(next)}
    </div>
  );
}
