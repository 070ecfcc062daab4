// The model worker's idle gate (src/worker/idleGate.ts): the model cache's writes wait for it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleGate } from '../../src/worker/idleGate';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Whether `promise` has resolved once `ms` of fake time (and its microtasks) have passed. */
async function resolvedAfter(promise: Promise<void>, ms: number, state = { done: false }): Promise<boolean> {
  void promise.then(() => (state.done = true));
  await vi.advanceTimersByTimeAsync(ms);
  return state.done;
}

describe('IdleGate', () => {
  it('opens after the quiet time when nothing runs', async () => {
    const gate = new IdleGate(500);
    const idle = gate.whenIdle();
    const state = { done: false };
    expect(await resolvedAfter(idle, 0, state)).toBe(false);
    expect(await resolvedAfter(idle, 499, state)).toBe(false);
    expect(await resolvedAfter(idle, 1, state)).toBe(true);
  });

  it('waits while work runs, and for the quiet time after it, failed work included', async () => {
    const gate = new IdleGate(500);
    const load = deferred();
    void gate.track(load.promise);
    const idle = gate.whenIdle();
    const state = { done: false };
    expect(await resolvedAfter(idle, 2_000, state)).toBe(false);
    load.resolve();
    const sample = deferred();
    // A sample that starts within the quiet time keeps the gate shut until it too is over.
    expect(await resolvedAfter(idle, 100, state)).toBe(false);
    gate.track(sample.promise).catch(() => {});
    expect(await resolvedAfter(idle, 2_000, state)).toBe(false);
    sample.reject(new Error('cancelled'));
    expect(await resolvedAfter(idle, 499, state)).toBe(false);
    expect(await resolvedAfter(idle, 1, state)).toBe(true);
  });

  it('lets every waiter through at once, and a later one waits afresh only while work runs', async () => {
    const gate = new IdleGate(500);
    const first = gate.whenIdle();
    const second = gate.whenIdle();
    const states = [{ done: false }, { done: false }];
    void first.then(() => (states[0].done = true));
    void second.then(() => (states[1].done = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(states.map((s) => s.done)).toEqual([true, true]);
    // Long idle: a new waiter goes through at once.
    expect(await resolvedAfter(gate.whenIdle(), 0)).toBe(true);
  });

  it('hands back the work itself', async () => {
    const gate = new IdleGate(500);
    await expect(gate.track(Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('IdleGate.flush', () => {
  it('runs deferred work at once, while other work runs, and resolves when it has settled', async () => {
    const gate = new IdleGate(500);
    const sample = deferred();
    void gate.track(sample.promise);
    const ran: string[] = [];
    gate.defer(async () => void ran.push('write 1'));
    gate.defer(async () => {
      ran.push('write 2');
      throw new Error('quota'); // a failed write does not stop the flush
    });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ran).toEqual([]); // the sample still runs: the gate stays shut
    await gate.flush();
    expect(ran).toEqual(['write 1', 'write 2']);
    sample.resolve();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ran).toEqual(['write 1', 'write 2']); // each runs once
  });
});
