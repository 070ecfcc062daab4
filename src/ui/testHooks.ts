/**
 * A small, read-only window into the app for browser tests and benchmarks (window.__snrlab):
 * a ready flag to wait on instead of the load event, and slider-to-paint latencies.
 */
export interface SnrLabHooks {
  /** True once the first image is painted. */
  ready: boolean;
  /** Number of explorer renders so far. */
  renders: number;
  /** Slider-to-paint latencies in ms, newest last (bounded). */
  latencies: number[];
}

declare global {
  interface Window {
    __snrlab?: SnrLabHooks;
  }
}

export function hooks(): SnrLabHooks {
  return (window.__snrlab ??= { ready: false, renders: 0, latencies: [] });
}

/**
 * Records the time from an input event to the frame after the paint it caused: the rAF callback
 * runs before that frame is drawn, and the timeout after it runs once the frame is out.
 */
export function recordLatency(inputTimeStamp: number): void {
  requestAnimationFrame(() => {
    setTimeout(() => {
      const list = hooks().latencies;
      list.push(performance.now() - inputTimeStamp);
      if (list.length > 1000) list.shift();
    }, 0);
  });
}
