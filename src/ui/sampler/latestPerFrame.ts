/**
 * Calls `paint` with the newest value at most once per animation frame: previews arrive every
 * step, and on a fast GPU steps come quicker than frames. The first value of a quiet spell is
 * painted at once (no blank frame when a canvas is revealed); later ones wait for the next frame,
 * and only the newest of them is painted.
 */
export function latestPerFrame<T>(paint: (value: T) => void): { push: (value: T) => void; flush: () => void } {
  let pending: { value: T } | null = null;
  let frame: number | null = null;
  const onFrame = () => {
    frame = null;
    flush();
  };
  function flush() {
    if (!pending) return;
    const { value } = pending;
    pending = null;
    paint(value);
  }
  return {
    push(value: T) {
      if (frame === null) {
        paint(value);
        frame = requestAnimationFrame(onFrame);
      } else pending = { value };
    },
    flush,
  };
}
