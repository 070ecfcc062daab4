import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Two views a second: slow enough to judge each, fast enough that a difference flickers. */
export const BLINK_HALF_PERIOD_MS = 250;

/**
 * The blink comparison (issue 27 §3): L and pooled H alternate in one place, so "they look alike"
 * is judged by eye, where side-by-side panels make it hard. On: the pooled view and L swap at
 * 2 Hz; holding B shows pooled H for as long as it is held (whether or not blinking is on).
 */
export function useBlink(): { on: boolean; showsPooled: boolean; toggle: () => void } {
  const [on, setOn] = useState(false);
  const [phase, setPhase] = useState(false);
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setPhase((value) => !value), BLINK_HALF_PERIOD_MS);
    return () => clearInterval(timer);
  }, [on]);
  useEffect(() => {
    const typing = (event: KeyboardEvent) =>
      event.target instanceof HTMLElement && /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    const down = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'b' && !typing(event) && !event.repeat) setHeld(true);
    };
    const up = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'b') setHeld(false);
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, []);
  const toggle = useCallback(() => setOn((value) => !value), []);
  return { on: on || held, showsPooled: held || phase, toggle };
}

/** Copies the panel being shown into the blink canvas (same pixels, no second mix). */
export function copyBlink(target: HTMLCanvasElement | null, from: HTMLCanvasElement | null): void {
  if (!target || !from || from.width === 0) return;
  if (target.width !== from.width || target.height !== from.height) {
    target.width = from.width;
    target.height = from.height;
  }
  target.getContext('2d')?.drawImage(from, 0, 0);
}

interface BlinkFigureProps {
  canvasRef: RefObject<HTMLCanvasElement | null>;
  showsPooled: boolean;
  caption: string;
}

/** The blink view: the L panel and the pooled panel in turn, the caption naming the one shown. */
export function BlinkFigure({ canvasRef, showsPooled, caption }: BlinkFigureProps) {
  return (
    <figure className="panel blink-panel" data-testid="blink-panel" data-showing={showsPooled ? 'pooled' : 'lo'}>
      <canvas ref={canvasRef} role="img" aria-label={caption} />
      <figcaption aria-live="off">{caption}</figcaption>
    </figure>
  );
}
