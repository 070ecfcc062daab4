/**
 * The UI's handle on the model worker. Owns the Worker, matches responses to requests by id,
 * and restarts the worker after a crash (the next request starts a fresh one; the caller is told).
 * Imports no tfjs: the main bundle stays free of it.
 */
import {
  WorkerFailure,
  type AdapterInfo,
  type BackendChoice,
  type BackendName,
  type Conditioning,
  type Fallback,
  type InitPhase,
  type ModelFacts,
  type SampleSettings,
  type TestProbe,
  type WebGpuAdapter,
  type WorkerNote,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

// What the UI needs of the protocol comes through here: the UI imports nothing else of src/worker
// but this client and the spectrum client (lint enforces it).
export { BACKEND_LABELS, BACKENDS, WorkerFailure } from './protocol';
export type {
  AdapterInfo,
  BackendChoice,
  BackendName,
  Conditioning,
  Fallback,
  InitPhase,
  ModelFacts,
  SampleSettings,
  WebGpuAdapter,
  WorkerNote,
};

export type Ready = Extract<WorkerResponse, { type: 'ready' }>;
export type Progress = Extract<WorkerResponse, { type: 'progress' }>;
export type Done = Extract<WorkerResponse, { type: 'done' }>;

export interface ClientEvents {
  /** The backend died and the worker moved to another one (`adapter` is the new one's). */
  onBackendLost?: (note: WorkerNote, backend: BackendName, adapter: AdapterInfo) => void;
  /** The worker crashed; in-flight requests were rejected. */
  onCrash?: (note: WorkerNote) => void;
}

type Handler = (response: WorkerResponse) => void;
type InitProgress = (phase: InitPhase, fraction: number) => void;

export class ModelClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private handlers = new Map<number, { handle: Handler; fail: (error: Error) => void }>();
  private events: ClientEvents;
  /** Inits in flight by backend and URL, with everyone who waits for each one's progress. */
  private inits = new Map<string, { ready: Promise<Ready>; listeners: Set<InitProgress> }>();

  constructor(events: ClientEvents = {}) {
    this.events = events;
  }

  /** Replaces the event handlers (a client made before the UI mounted is handed to it). */
  setEvents(events: ClientEvents): void {
    this.events = events;
  }

  /**
   * Starts a backend (when it is not the one running) and loads the weights from `modelUrl` (a
   * folder URL ending in /). The worker keeps every model it loaded on the running backend, keyed by
   * URL: initialising one that is already loaded returns at once. Asking again while the same init
   * runs (a click during the page's preload) joins it rather than loading twice.
   */
  init(backend: BackendChoice, modelUrl: string, onProgress: InitProgress): Promise<Ready> {
    const key = `${backend} ${modelUrl}`;
    const running = this.inits.get(key);
    if (running) {
      running.listeners.add(onProgress);
      return running.ready;
    }
    const listeners = new Set([onProgress]);
    const ready = this.request<Ready>({ type: 'init', id: 0, backend, modelUrl }, (response, resolve) => {
      if (response.type === 'init-progress') for (const listener of listeners) listener(response.phase, response.fraction);
      else if (response.type === 'ready') resolve(response);
    });
    this.inits.set(key, { ready, listeners });
    const settled = () => {
      if (this.inits.get(key)?.ready === ready) this.inits.delete(key);
    };
    ready.then(settled, settled);
    return ready;
  }

  /**
   * Starts a backend without a model (the page's first request, while the models index is still
   * on its way); a later init on the same choice finds it running. Resolves with the backend that
   * started.
   */
  startBackend(backend: BackendChoice): Promise<BackendName> {
    return this.request({ type: 'start-backend', id: 0, backend }, (response, resolve) => {
      if (response.type === 'backend-started') resolve(response.backend);
    });
  }

  /** Starts sampling; `done` resolves with the images, or null when cancelled. */
  sample(
    settings: SampleSettings,
    onProgress: (progress: Progress) => void,
  ): { id: number; done: Promise<Done | null> } {
    const id = this.nextId;
    const transfer = [settings.logSnrs.buffer, ...(settings.start ? [settings.start.buffer] : [])] as Transferable[];
    const done = this.request<Done | null>(
      { type: 'sample', id: 0, settings },
      (response, resolve) => {
        if (response.type === 'progress') onProgress(response);
        else if (response.type === 'done') resolve(response);
        else if (response.type === 'cancelled') resolve(null);
      },
      transfer,
    );
    return { id, done };
  }

  cancel(id: number): void {
    this.worker?.postMessage({ type: 'cancel', id } satisfies WorkerRequest);
  }

  /**
   * One model call: x̂_0 and v̂ for x ([batch, S, S, 3]) at one λ per batch element, on the model
   * loaded from `modelUrl` (by default the last one initialised), asked as `conditioning` says.
   */
  denoise(
    x: Float32Array,
    batch: number,
    logSnr: Float64Array,
    modelUrl?: string,
    conditioning?: Conditioning,
  ): Promise<{ x0: Float32Array; v: Float32Array }> {
    return this.request({ type: 'denoise', id: 0, x, batch, logSnr, modelUrl, conditioning }, (response, resolve) => {
      if (response.type === 'denoised') resolve({ x0: response.x0, v: response.v });
    });
  }


  /** The WebGPU adapter the browser offers (null: none), asked before any backend starts. */
  probeWebGpu(): Promise<WebGpuAdapter | null> {
    return this.request({ type: 'probe-webgpu', id: 0 }, (response, resolve) => {
      if (response.type === 'webgpu-adapter') resolve(response.adapter);
    });
  }

  /**
   * The one entry point for browser tests and benchmarks (window.__snrlab.model.test); the app
   * never calls it. 'memory': tfjs's tensor count and bytes in the worker (leak tests);
   * 'device-loss' / 'crash': fault injection (reliability tests). Resolves with the memory, or
   * null once a fault is injected.
   */
  test(probe: TestProbe): Promise<{ numTensors: number; numBytes: number } | null> {
    return this.request({ type: 'test', id: 0, probe }, (response, resolve) => {
      if (response.type === 'tested') resolve(response.memory ?? null);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new WorkerFailure({ code: 'worker-stopped' }));
  }

  private request<T>(
    message: WorkerRequest,
    onResponse: (response: WorkerResponse, resolve: (value: T) => void) => void,
    transfer: Transferable[] = [],
  ): Promise<T> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const finish = (value: T) => {
        this.handlers.delete(id);
        resolve(value);
      };
      this.handlers.set(id, {
        handle: (response) => {
          if (response.type === 'error') {
            this.handlers.delete(id);
            reject(new WorkerFailure(response.note));
          } else onResponse(response, finish);
        },
        fail: reject,
      });
      worker.postMessage({ ...message, id }, transfer);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./modelWorker.ts', import.meta.url), { type: 'module', name: 'snrlab-model' });
    worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const response = event.data;
      if (response.type === 'backend-lost') {
        this.events.onBackendLost?.(response.note, response.backend, response.adapter);
      }
      else this.handlers.get(response.id)?.handle(response);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const note: WorkerNote = { code: 'worker-crashed', reason: event.message || 'unknown error' };
      worker.terminate();
      if (this.worker === worker) this.worker = null;
      this.failAll(new WorkerFailure(note));
      this.events.onCrash?.(note);
    };
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const { fail } of this.handlers.values()) fail(error);
    this.handlers.clear();
  }
}
