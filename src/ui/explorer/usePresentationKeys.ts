import { useEffect } from 'react';
import type { ExplorerState, Update } from '../urlState';

/** Keys that belong to a focused form control: P and the arrows must not be taken from them. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !['checkbox', 'button', 'range'].includes(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
}

/**
 * Presentation-mode keys on the whole page: P toggles it; while presenting, ← / → move t by `step`
 * (Shift: 5×), Home / End jump to t = 0 / 1, and Esc leaves. A focused range slider keeps its own
 * arrow keys (it moves t already).
 */
export function usePresentationKeys(presenting: boolean, t: number, step: number, update: Update<ExplorerState>): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      if (event.key === 'p' || event.key === 'P') {
        update({ present: presenting ? 'off' : 'on' });
        event.preventDefault();
        return;
      }
      // A focused slider moves t with its own arrow keys.
      if (!presenting || (event.target instanceof HTMLInputElement && event.target.type === 'range')) {
        if (presenting && event.key === 'Escape') update({ present: 'off' });
        return;
      }
      const move = (to: number) => {
        update({ t: Math.round(Math.min(1, Math.max(0, to)) * 1000) / 1000 });
        event.preventDefault();
      };
      const stride = event.shiftKey ? 5 * step : step;
      if (event.key === 'Escape') update({ present: 'off' });
      else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') move(t + stride);
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') move(t - stride);
      else if (event.key === 'Home') move(0);
      else if (event.key === 'End') move(1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, t, step, update]);
}
