import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../../src/ui/urlState';
import { viewState } from '../../src/ui/viewState';

describe('viewState: what an off-screen view is given', () => {
  const shown = { ...DEFAULT_STATE, t: 0.3 };

  it('on screen: the live state itself', () => {
    const live = { ...shown, t: 0.5 };
    expect(viewState(shown, live, true)).toBe(live);
  });

  it('off screen, only t moved: the very object it had (so a memo skips the render)', () => {
    let previous = shown;
    for (const t of [0.31, 0.32, 0.9]) {
      previous = viewState(previous, { ...shown, t }, false);
      expect(previous).toBe(shown);
    }
  });

  it('off screen, another field changed: that change shows at once, t stays held', () => {
    const live = { ...shown, t: 0.7, steps: 40, overlay: [...shown.overlay] };
    const given = viewState(shown, live, false);
    expect(given.steps).toBe(40);
    expect(given.t).toBe(0.3);
    expect(given.overlay).toBe(live.overlay);
    // And held from then on while only t moves.
    expect(viewState(given, { ...live, t: 0.8 }, false)).toBe(given);
  });

  it('back on screen: the live t', () => {
    const live = { ...shown, t: 0.9 };
    expect(viewState(viewState(shown, live, false), live, true).t).toBe(0.9);
  });
});
