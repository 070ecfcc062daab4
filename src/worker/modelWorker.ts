/// <reference lib="webworker" />
/**
 * The model worker: owns tfjs, the backend and the weights. The UI talks to it only through
 * client.ts. Sampling runs here with the samplers of src/math; every model call reads back
 * asynchronously (no dataSync), which is also where a cancel message gets in.
 */
import * as tf from '@tensorflow/tfjs-core';
import { asLogSnr } from '../math/logSnr';
import { createRng, fillGaussian } from '../math/rng';
import { SAMPLERS, SamplingCancelled } from '../math/samplers';
import { predictX0, x0Denoiser, type Conditioning as ModelConditioning } from '../model/denoiser';
import { disposeModel, fetchSource, loadModel, ModelUnreachableError, type LoadedModel } from '../model/loadModel';
import { cachedSource } from './modelCache';
import { IdleGate } from './idleGate';
import { backendOrder, probeWebGpu, startBackend, type StartedBackend } from './backends';
import {
  CPU_SIDE_BACKENDS,
  noteOf,
  WorkerFailure,
  type BackendChoice,
  type BackendName,
  type Conditioning,
  type ModelFacts,
  type SampleSettings,
  type TestProbe,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

/**
 * Every model loaded on the running backend, keyed by its folder URL (compare mode samples two
 * without reloading either); a backend change drops them all (their tensors live on the old one).
 */
const models = new Map<string, LoadedModel>();
/** The last model initialised: what a request without a modelUrl uses. */
let currentUrl: string | null = null;
let backend: BackendName | null = null;
/** The choice the running backend was started for, how it started and how long that took (reused while it runs). */
let started: { choice: BackendChoice; result: StartedBackend; ms: number } | null = null;
const cancelled = new Set<number>();
/**
 * Loads and runs: the model cache writes a downloaded model once none has run for STORE_QUIET_MS
 * (a click's sample follows the page's preload within moments; the write then waits for it too).
 */
const STORE_QUIET_MS = 500;
const work = new IdleGate(STORE_QUIET_MS);

/** The files of the model at `url`: the network behind the model cache. */
const modelSource = (url: string) => cachedSource(fetchSource(url), url, work.defer);

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  handle(request).catch((error: unknown) =>
    post({
      type: 'error',
      id: request.id,
      // Unreachable and not kept (modelCache.ts returns a kept copy whenever there is one).
      note:
        error instanceof ModelUnreachableError ? { code: 'model-unreachable', detail: error.message } : noteOf(error),
    }),
  );
};

/**
 * Inits run one after another. Two at once (the page's preload and a test's or a click's own init)
 * would both start the backend and load the same model twice, racing on tf.setBackend.
 */
let lastInit: Promise<void> = Promise.resolve();

function afterInits(run: () => Promise<void>): Promise<void> {
  const next = lastInit.then(run);
  lastInit = next.catch(() => {});
  return next;
}

function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<void> {
  switch (request.type) {
    case 'init':
      return work.track(afterInits(() => init(request)));
    case 'start-backend':
      return afterInits(async () => {
        const result = await ensureBackend(request.backend);
        post({ type: 'backend-started', id: request.id, backend: result.name });
      });
    case 'sample':
      return work.track(sample(request.id, request.settings));
    case 'denoise':
      return work.track(denoiseOnce(request));
    case 'test':
      return testProbe(request.id, request.probe);
    case 'probe-webgpu':
      return probeWebGpu().then((adapter) => post({ type: 'webgpu-adapter', id: request.id, adapter }));
  }
}

/**
 * The tests' one entry point (ModelClient.test; the app never sends it): tfjs memory, or a fault,
 * a destroyed GPU device (as when a driver resets) or an uncaught error.
 */
async function testProbe(id: number, probe: TestProbe): Promise<void> {
  if (probe === 'memory') {
    const { numTensors, numBytes } = tf.memory();
    post({ type: 'tested', id, memory: { numTensors, numBytes } });
    return;
  }
  if (probe === 'crash') {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  } else {
    const device = (tf.backend() as unknown as { device?: { destroy(): void } }).device;
    if (backend !== 'webgpu' || !device) {
      throw new WorkerFailure({ code: 'failed', detail: 'device loss can only be simulated on WebGPU' });
    }
    device.destroy();
  }
  post({ type: 'tested', id });
}

/** Starts the backend for `choice` unless it is the one running; a new backend drops the old one's models. */
async function ensureBackend(choice: BackendChoice): Promise<StartedBackend> {
  if (started && started.choice === choice && backend) return started.result;
  const startedAt = performance.now();
  const result = await startBackend(await backendOrder(choice));
  for (const loaded of models.values()) disposeModel(loaded);
  models.clear();
  started = { choice, result, ms: performance.now() - startedAt };
  backend = result.name;
  watchDeviceLoss();
  return result;
}

async function init(request: Extract<WorkerRequest, { type: 'init' }>): Promise<void> {
  const { id, modelUrl } = request;
  post({ type: 'init-progress', id, phase: 'backend', fraction: 0 });
  const chosen = await ensureBackend(request.backend);
  const backendMs = started?.ms ?? 0;
  currentUrl = modelUrl;
  let weightsMs = 0;
  let warmUpMs = 0;
  let loaded = models.get(modelUrl);
  if (!loaded) {
    const weightsStart = performance.now();
    loaded = await loadModel(modelSource(modelUrl), (bytes, total) =>
      post({ type: 'init-progress', id, phase: 'weights', fraction: bytes / total }),
    );
    models.set(modelUrl, loaded);
    weightsMs = performance.now() - weightsStart;
    post({ type: 'init-progress', id, phase: 'warm-up', fraction: 0 });
    const warmStart = performance.now();
    // First calls compile kernels (shaders on WebGPU/WebGL): do it now, behind the loading state.
    const size = loaded.config.imageSize;
    await x0Denoiser(() => requireModel(modelUrl), 1)(
      new Float32Array(size * size * loaded.config.inChannels),
      asLogSnr(0),
    );
    warmUpMs = performance.now() - warmStart;
  }
  const facts = modelFacts(modelUrl, loaded);
  post({
    type: 'ready',
    id,
    backend: chosen.name,
    adapter: chosen.adapter,
    fallbacks: chosen.fallbacks,
    timings: { backendMs, weightsMs, warmUpMs },
    paramCount: facts.paramCount,
    model: facts,
  });
}

/** What the UI needs to know of a loaded model, from its checked manifest. */
function modelFacts(url: string, loaded: LoadedModel): ModelFacts {
  return {
    url,
    imageSize: loaded.config.imageSize,
    inChannels: loaded.config.inChannels,
    patchSize: loaded.config.patchSize,
    paramCount: Object.values(loaded.params).reduce((sum, t) => sum + t.size, 0),
    schedule: loaded.schedule,
    bytes: loaded.bytes,
    labels: loaded.labels,
  };
}

/** The protocol's labels (plain lists, as they cross the worker boundary) as the model takes them. */
function modelConditioning(conditioning: Conditioning | undefined): ModelConditioning | undefined {
  if (!conditioning) return undefined;
  const { labels, guidance } = conditioning;
  return {
    guidance,
    labels: labels && { category: Int32Array.from(labels.category), vendor: Int32Array.from(labels.vendor) },
  };
}

async function sample(id: number, settings: SampleSettings): Promise<void> {
  const url = settings.modelUrl ?? currentUrl;
  const loaded = requireModel(url);
  const size = loaded.config.imageSize;
  const length = settings.batch * size * size * loaded.config.inChannels;
  const rng = createRng(settings.seed, 1000);
  const x = settings.start ? Float32Array.from(settings.start) : fillGaussian(rng, new Float32Array(length));
  if (x.length !== length) throw new Error(`start image has ${x.length} values, expected ${length}`);
  const steps = settings.logSnrs.length - 1;
  const started = performance.now();
  let last = started;
  let stepMs = 0;
  try {
    const images = await SAMPLERS[settings.sampler].run(
      x0Denoiser(() => requireModel(url), settings.batch, modelConditioning(settings)),
      x,
      settings.logSnrs,
      {
        eta: settings.eta,
        rng,
        isCancelled: () => cancelled.has(id),
        onStep: async ({ step, x: current, x0 }) => {
          const now = performance.now();
          stepMs = now - last;
          last = now;
          const wantPreview = step % settings.previewEvery === settings.previewEvery - 1 || step === steps - 1;
          const preview = wantPreview ? { x: current.slice(), x0: x0.slice() } : undefined;
          post(
            { type: 'progress', id, step: step + 1, steps, msPerStep: stepMs, preview },
            preview ? [preview.x.buffer, preview.x0.buffer] : [],
          );
          // Let a waiting cancel message in: on the cpu and wasm backends the readback resolves
          // without ever returning to the event loop.
          await yieldToEvents();
        },
      },
    );
    const totalMs = performance.now() - started;
    // The model has drawn a sample: keep it for offline use now, before saying done, so a class that
    // goes offline (or reloads) right after the first sample still has it (~90 ms, once per model).
    await work.flush();
    post({ type: 'done', id, images, totalMs, msPerStep: totalMs / steps }, [images.buffer]);
  } catch (error) {
    if (error instanceof SamplingCancelled) post({ type: 'cancelled', id });
    else throw error;
  } finally {
    cancelled.delete(id);
  }
}

async function denoiseOnce(request: Extract<WorkerRequest, { type: 'denoise' }>): Promise<void> {
  const loaded = requireModel(request.modelUrl ?? currentUrl);
  const size = loaded.config.imageSize;
  const { batch } = request;
  const expected = batch * size * size * loaded.config.inChannels;
  if (request.x.length !== expected) {
    throw new Error(
      `x has ${request.x.length} values; this ${size} px model takes ${expected} for a batch of ${batch}`,
    );
  }
  const { x0, v } = tf.tidy(() =>
    predictX0(
      loaded,
      tf.tensor4d(request.x, [batch, size, size, loaded.config.inChannels]),
      request.logSnr,
      modelConditioning(request.conditioning),
    ),
  );
  try {
    const [x0Data, vData] = (await Promise.all([x0.data(), v.data()])) as Float32Array[];
    post({ type: 'denoised', id: request.id, x0: x0Data, v: vData }, [x0Data.buffer, vData.buffer]);
  } finally {
    x0.dispose();
    v.dispose();
  }
}

/** A macrotask turn without setTimeout's 4 ms clamp: a message to ourselves through a channel. */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

function requireModel(url: string | null): LoadedModel {
  const loaded = url === null ? undefined : models.get(url);
  if (!loaded) throw new Error(url === null ? 'No model is loaded yet.' : `The model ${url} is not loaded yet.`);
  return loaded;
}

/**
 * On WebGPU a lost device ends the backend and the weights on it: say so, start the next backend
 * and reload every model there (the browser's cache serves them again).
 */
function watchDeviceLoss(): void {
  if (backend !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  void device?.lost?.then(async (info) => {
    if (backend !== 'webgpu') return;
    const reason = info?.message || 'the GPU device was lost';
    const urls = [...models.keys()];
    models.clear();
    try {
      const startedAt = performance.now();
      const next = await startBackend([...CPU_SIDE_BACKENDS]);
      backend = next.name;
      started = { choice: next.name, result: next, ms: performance.now() - startedAt };
      for (const url of urls) models.set(url, await loadModel(modelSource(url)));
      post({
        type: 'backend-lost',
        backend: next.name,
        adapter: next.adapter,
        note: { code: 'webgpu-switched', reason, backend: next.name },
      });
    } catch (error) {
      post({
        type: 'backend-lost',
        backend: 'cpu',
        adapter: { kind: 'lost' },
        note: { code: 'webgpu-no-backend', reason, error: noteOf(error) },
      });
    }
  });
}
