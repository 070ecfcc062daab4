/**
 * Whether the explorer has painted its first image (or there is no explorer on the page, or its
 * first image failed). The charts' code (recharts, most of the app's script) waits for it: fetched
 * and parsed during the page load, it held the first image back (docs/BENCHMARKS.md §3).
 */
import { useSyncExternalStore } from 'react';

let done = false;
const listeners = new Set<() => void>();

export function markFirstPaint(): void {
  if (done) return;
  done = true;
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Resolves once the first image is painted (at once if it already was). */
export function whenFirstPainted(): Promise<void> {
  if (done) return Promise.resolve();
  return new Promise((resolve) => {
    const listener = () => {
      listeners.delete(listener);
      resolve();
    };
    listeners.add(listener);
  });
}

export function useAfterFirstPaint(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => done,
    () => done,
  );
}
