/**
 * Whether the page's start-up work is done: the explorer's first image painted, the chosen model's
 * preload (src/ui/sampler/earlyModelLoad.ts, useModel.ts) finished or failed, and a sample the
 * user asked for meanwhile finished. Work that can wait for it does: the service worker's precache
 * of the app shell (megabytes fetched and written to disk) ran beside the model's load and the
 * first sample on two cores and held that sample back by ~0.5 s (docs/BENCHMARKS.md §3).
 * START_UP_CAP_MS bounds the wait, so a preload that never ends cannot keep the app from
 * working offline.
 */
import { useEffect, useState } from 'react';
import { whenFirstPainted } from './firstPaint';

const START_UP_CAP_MS = 15_000;

let pending = 0;
const idle = new Set<() => void>();

/** Counts `work` as start-up work until it settles; returns it. */
export function startUpWork<T>(work: Promise<T>): Promise<T> {
  pending += 1;
  const settled = () => {
    pending -= 1;
    if (pending === 0) for (const resolve of [...idle]) resolve();
  };
  work.then(settled, settled);
  return work;
}

function whenNoStartUpWork(): Promise<void> {
  if (pending === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      idle.delete(done);
      resolve();
    };
    idle.add(done);
  });
}

/** Resolves once the first image is painted and no start-up work is left, or after the cap. */
export function whenStartedUp(capMs = START_UP_CAP_MS): Promise<void> {
  const settled = whenFirstPainted().then(whenNoStartUpWork);
  return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, capMs))]);
}

/** True once the page has started up (see whenStartedUp). */
export function useStartedUp(): boolean {
  const [startedUp, setStartedUp] = useState(false);
  useEffect(() => {
    let live = true;
    void whenStartedUp().then(() => live && setStartedUp(true));
    return () => {
      live = false;
    };
  }, []);
  return startedUp;
}
