/**
 * A small, read-only window into the app for browser tests and benchmarks (window.__snrlab):
 * a ready flag to wait on instead of the load event, and slider-to-paint latencies.
 */
import type { ModelClient, Ready } from '../worker/client';

export interface SnrLabHooks {
  /** The sampler's model client once created (browser tests call the model through it). */
  model?: ModelClient;
  /** The last model load's report (backend, timings) and the last finished sample's timing. */
  lastReady?: Ready;
  lastSample?: {
    totalMs: number;
    msPerStep: number;
    steps: number;
    /** Each step's time as the worker measured it, and how many progress events carried previews. */
    stepMs: number[];
    previewCount: number;
  };
  /** True once the service worker has precached the app shell (it then loads offline). */
  offlineReady?: boolean;
  /** True once the first image is painted. */
  ready: boolean;
  /** Which code mixed the explorer's panels last: WebGL, WebAssembly, or JavaScript (the fallback). */
  mix?: 'webgl' | 'wasm' | 'js';
  /** Number of explorer renders so far. */
  renders: number;
  /** Slider-to-paint latencies in ms (input event → the frame after the repaint), newest last. */
  latencies: number[];
  /** Input event → end of the synchronous update (React render, mix, putImageData), in ms. */
  workLatencies: number[];
}

declare global {
  interface Window {
    __snrlab?: SnrLabHooks;
  }
}

export function hooks(): SnrLabHooks {
  return (window.__snrlab ??= { ready: false, renders: 0, latencies: [], workLatencies: [] });
}

/**
 * Records the time from an input event to the frame after the paint it caused: the rAF callback
 * runs before that frame is drawn, and the timeout after it runs once the frame is out.
 */
export function recordLatency(inputTimeStamp: number): void {
  pushBounded(hooks().workLatencies, performance.now() - inputTimeStamp);
  requestAnimationFrame(() => {
    setTimeout(() => {
      pushBounded(hooks().latencies, performance.now() - inputTimeStamp);
    }, 0);
  });
}

function pushBounded(list: number[], value: number): void {
  list.push(value);
  if (list.length > 1000) list.shift();
}
