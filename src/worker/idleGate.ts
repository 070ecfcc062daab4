/**
 * Work that can wait for a quiet moment in the worker: writing a downloaded model to the cache
 * (a copy, a sha256 and a put of megabytes, ~90 ms of the worker's time on this project's two-core
 * machine) ran beside the model's warm-up and the first sample (docs/BENCHMARKS.md §3).
 */
export class IdleGate {
  private busy = 0;
  private lastEnded = 0;
  private waiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `quietMs`: how long no tracked work must have run before the gate opens. */
  constructor(private readonly quietMs: number) {}

  /** Counts `work` as busy until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.busy += 1;
    const settled = () => {
      this.busy -= 1;
      this.lastEnded = performance.now();
      this.schedule();
    };
    work.then(settled, settled);
    return work;
  }

  /** Resolves once no tracked work is running and none has for `quietMs`. */
  whenIdle = (): Promise<void> =>
    new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });

  private schedule(): void {
    if (this.timer !== null || this.busy > 0 || this.waiters.length === 0) return;
    const wait = Math.max(0, this.lastEnded + this.quietMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy > 0) return; // track() ran meanwhile; its end schedules again
      if (performance.now() - this.lastEnded < this.quietMs) return this.schedule();
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((resolve) => resolve());
    }, wait);
  }
}
