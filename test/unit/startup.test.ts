// The service worker waits for the page's start-up (src/ui/startup.ts): the first image painted and
// every piece of start-up work settled, or the cap.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Startup = typeof import('../../src/ui/startup');
type FirstPaint = typeof import('../../src/ui/firstPaint');
let startup: Startup;
let firstPaint: FirstPaint;

beforeEach(async () => {
  vi.resetModules(); // both modules keep page-wide state
  firstPaint = await import('../../src/ui/firstPaint');
  startup = await import('../../src/ui/startup');
});

/** Whether `promise` has settled after every pending microtask and a macrotask. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 0));
  return done;
}

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('whenStartedUp', () => {
  it('waits for the first paint even with no work', async () => {
    const started = startup.whenStartedUp(10_000);
    expect(await settled(started)).toBe(false);
    firstPaint.markFirstPaint();
    expect(await settled(started)).toBe(true);
  });

  it('waits for every piece of work, failed ones included', async () => {
    const load = deferred();
    const sample = deferred();
    void startup.startUpWork(load.promise);
    startup.startUpWork(sample.promise).catch(() => {});
    const started = startup.whenStartedUp(10_000);
    firstPaint.markFirstPaint();
    expect(await settled(started)).toBe(false);
    load.resolve();
    expect(await settled(started)).toBe(false);
    sample.reject(new Error('sampling failed'));
    expect(await settled(started)).toBe(true);
  });

  it('gives up waiting after the cap', async () => {
    void startup.startUpWork(new Promise(() => {})); // never settles
    firstPaint.markFirstPaint();
    const started = startup.whenStartedUp(30);
    expect(await settled(started)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await settled(started)).toBe(true);
  });

  it('startUpWork hands back the work itself', async () => {
    await expect(startup.startUpWork(Promise.resolve(7))).resolves.toBe(7);
  });
});
