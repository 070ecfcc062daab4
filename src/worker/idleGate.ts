/**
 * Work that can wait for a quiet moment in the worker: writing a downloaded model to the cache
 * (a copy, a sha256 and a put of megabytes, ~90 ms of the worker's time on this project's two-core
 * machine) ran beside the model's warm-up and the first sample (docs/BENCHMARKS.md §3).
 */
export class IdleGate {
  private busy = 0;
  private lastEnded = 0;
  /** Work deferred to the next quiet moment (or to a flush, whichever comes first). */
  private deferred: (() => Promise<void>)[] = [];
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

  /** Runs `task` once no tracked work is running and none has for `quietMs`, or at a flush. */
  defer = (task: () => Promise<void>): void => {
    this.deferred.push(task);
    this.schedule();
  };

  /** Resolves once no tracked work is running and none has for `quietMs` (or at a flush). */
  whenIdle = (): Promise<void> => new Promise((resolve) => this.defer(async () => resolve()));

  /**
   * Runs every deferred task now, whatever else runs, and resolves once they have settled. A
   * finished sample flushes: the model it used is then saved for offline use before the sample is
   * reported done, so going offline (or reloading) right after a first sample keeps the model.
   */
  flush = (): Promise<void> => this.runDeferred();

  private runDeferred(): Promise<void> {
    const tasks = this.deferred;
    this.deferred = [];
    return Promise.all(tasks.map((task) => task().catch(() => {}))).then(() => {});
  }

  private schedule(): void {
    if (this.timer !== null || this.busy > 0 || this.deferred.length === 0) return;
    const wait = Math.max(0, this.lastEnded + this.quietMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.busy > 0) return; // track() ran meanwhile; its end schedules again
      if (performance.now() - this.lastEnded < this.quietMs) return this.schedule();
      void this.runDeferred();
    }, wait);
  }
}
