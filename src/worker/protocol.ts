/**
 * Messages between the UI (through client.ts) and the model worker (modelWorker.ts).
 * Discriminated on `type`; every request carries an id its responses repeat; pixel buffers are
 * transferred, not copied. Buffers are flat NHWC float32: [B, S, S, 3] in [−1, 1], S the image size
 * of the model the request names (its manifest's snrlab.input_shape).
 */
import type { LogSnrGrid } from '../math/logSnr';
import type { TrainingSchedule } from '../math/samplingGrid';
import type { SamplerId } from '../math/samplers';

/** Every backend, in the order to try them on a hardware GPU (docs/ARCHITECTURE.md, "Backends"). */
export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** The backends that need no GPU adapter, in order: the fallbacks, and the default on a software adapter. */
export const CPU_SIDE_BACKENDS: readonly BackendName[] = BACKENDS.filter((name) => name !== 'webgpu');
/** Each backend's name for people. */
export const BACKEND_LABELS: Record<BackendName, string> = {
  webgpu: 'WebGPU',
  wasm: 'WebAssembly',
  webgl: 'WebGL',
  cpu: 'CPU',
};
export type BackendChoice = 'auto' | BackendName;

/**
 * What the model worker (or its client) has to tell the user, as a code and its parameters, never
 * as a sentence: the UI says it in the user's language, with one typed key per code
 * (src/ui/i18n/workerMessages.ts). A `reason` or `detail` is a browser's or a file check's own
 * words, passed on as given.
 */
export type WorkerNote =
  | { code: 'webgpu-switched'; reason: string; backend: BackendName }
  | { code: 'webgpu-no-backend'; reason: string; error: WorkerNote }
  | { code: 'worker-crashed'; reason: string }
  | { code: 'worker-stopped' }
  | { code: 'backend-unavailable'; backend: BackendName }
  | { code: 'backend-load-timeout'; backend: BackendName; seconds: number }
  | { code: 'backend-start-timeout'; backend: BackendName; seconds: number }
  | { code: 'backend-wrong'; backend: BackendName }
  | { code: 'no-backend'; fallbacks: Fallback[] }
  /** The model's files could not be reached (offline) and none are kept for offline use yet. */
  | { code: 'model-unreachable'; detail: string }
  /** Anything else (a model file that fails its check, a bad request): its own words. */
  | { code: 'failed'; detail: string };

/** A backend tried before the one that runs, and why it did not. */
export interface Fallback {
  backend: BackendName;
  why: WorkerNote;
}

/** The device a backend computes on, for the run readout; `lost`: the backend died (WorkerNote says more). */
export type AdapterInfo =
  | { kind: 'webgpu'; description: string | null; software: boolean }
  | { kind: 'wasm'; simd: boolean }
  | { kind: 'webgl'; version: number }
  | { kind: 'cpu' }
  | { kind: 'lost' };

/** An Error that carries its WorkerNote across the worker boundary (the message is for logs only). */
export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
  constructor(readonly note: WorkerNote) {
    super(JSON.stringify(note));
  }
}

/** The note of anything thrown: a WorkerFailure's own, else the error's words. */
export const noteOf = (error: unknown): WorkerNote =>
  error instanceof WorkerFailure
    ? error.note
    : { code: 'failed', detail: error instanceof Error ? error.message : String(error) };

/**
 * What a class-conditional model is asked (models without labels ignore it): per sample, the row of
 * each label table (0: unknown, i.e. unconditional; i: snrlab.labels' name i − 1), and the
 * classifier-free guidance weight w (1: plain conditional; ignored when every label is 0).
 */
export interface Conditioning {
  labels?: { category: number[]; vendor: number[] };
  guidance: number;
}

export interface SampleSettings extends Conditioning {
  /** Which loaded model samples (its folder URL, as given to init); omitted: the last one loaded. */
  modelUrl?: string;
  sampler: SamplerId;
  /** Increasing logSNR grid, noisy → clean: steps + 1 values (samplingLogSnrs makes it). */
  logSnrs: LogSnrGrid;
  eta: number;
  seed: number;
  batch: number;
  /** Post x_t and x̂_0 previews every this many steps (and after the last). */
  previewEvery: number;
  /** SDEdit: start from this x at logSnrs[0] instead of from pure noise ([B, S, S, 3]). */
  start?: Float32Array;
}

export type WorkerRequest =
  | { type: 'init'; id: number; backend: BackendChoice; modelUrl: string }
  /** Starts the backend only (the page's first request, before the models index is read). */
  | { type: 'start-backend'; id: number; backend: BackendChoice }
  | { type: 'sample'; id: number; settings: SampleSettings }
  | { type: 'cancel'; id: number }
  /** One model call: x̂_0 and v̂ for x at the given λ (one per batch element); modelUrl as in sample. */
  | {
      type: 'denoise';
      id: number;
      x: Float32Array;
      batch: number;
      logSnr: Float64Array;
      modelUrl?: string;
      /** Labels and guidance as in sample; omitted: unconditional. */
      conditioning?: Conditioning;
    }
  /** What WebGPU adapter this browser offers, without starting a backend (to warn before a run). */
  | { type: 'probe-webgpu'; id: number }
  /** The one entry point for tests and benchmarks (ModelClient.test): never sent by the app. */
  | { type: 'test'; id: number; probe: TestProbe };

/**
 * What the browser tests ask the worker, and only they: tfjs's tensor count and bytes (to prove
 * sampling leaks nothing), or a fault (a destroyed GPU device, an uncaught error in the worker).
 */
export type TestProbe = 'memory' | 'device-loss' | 'crash';

/** A WebGPU adapter as the worker sees it; `fallback`: a software adapter (e.g. SwiftShader). */
export interface WebGpuAdapter {
  fallback: boolean;
  description: string;
}

export type InitPhase = 'backend' | 'weights' | 'warm-up';

/** What the loaded manifest says about a model: the UI sizes its canvases and grids from this. */
export interface ModelFacts {
  /** The folder URL the model was loaded from (the key the worker keeps it under). */
  url: string;
  /** S of snrlab.input_shape [null, S, S, C] (= architecture.image_size). */
  imageSize: number;
  inChannels: number;
  patchSize: number;
  paramCount: number;
  /** snrlab.schedule; null when the manifest has none (then the plain cosine is assumed). */
  schedule: TrainingSchedule | null;
  /** Bytes of weights. */
  bytes: number;
  /** snrlab.labels' names (names[i] is row i + 1); null: the model is not class-conditional. */
  labels: { category: string[]; vendor: string[] } | null;
}

export type WorkerResponse =
  | { type: 'init-progress'; id: number; phase: InitPhase; fraction: number }
  | { type: 'backend-started'; id: number; backend: BackendName }
  | {
      type: 'ready';
      id: number;
      backend: BackendName;
      adapter: AdapterInfo;
      /** Backends tried first that failed, with why. */
      fallbacks: Fallback[];
      /**
       * backendMs: how long the running backend took to start (by this init or an earlier request);
       * weightsMs and warmUpMs are 0 when the model was already loaded on this backend.
       */
      timings: { backendMs: number; weightsMs: number; warmUpMs: number };
      paramCount: number;
      model: ModelFacts;
    }
  | {
      type: 'progress';
      id: number;
      step: number;
      steps: number;
      msPerStep: number;
      preview?: { x: Float32Array; x0: Float32Array };
    }
  | { type: 'done'; id: number; images: Float32Array; totalMs: number; msPerStep: number }
  | { type: 'denoised'; id: number; x0: Float32Array; v: Float32Array }
  /** null: no WebGPU adapter at all. */
  | { type: 'webgpu-adapter'; id: number; adapter: WebGpuAdapter | null }
  /** A test probe's answer: tfjs memory for 'memory', nothing for a fault. */
  | { type: 'tested'; id: number; memory?: { numTensors: number; numBytes: number } }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; note: WorkerNote }
  /** Not tied to a request: the backend died (e.g. a lost GPU device) and the worker switched. */
  | { type: 'backend-lost'; backend: BackendName; adapter: AdapterInfo; note: WorkerNote };
