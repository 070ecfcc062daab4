/// <reference lib="webworker" />
/**
 * The model worker: owns tfjs, the backend and the weights. The UI talks to it only through
 * client.ts. Sampling runs here with the samplers of src/math; every model call reads back
 * asynchronously (no dataSync), which is also where a cancel message gets in.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, fillGaussian } from '../math/rng';
import { SAMPLERS, SamplingCancelled } from '../math/samplers';
import { predictX0, x0Denoiser } from '../model/denoiser';
import { disposeModel, fetchSource, loadModel, type LoadedModel } from '../model/loadModel';
import { cachedSource } from './modelCache';
import { backendOrder, probeWebGpu, startBackend } from './backends';
import {
  CPU_SIDE_BACKENDS,
  type BackendName,
  type SampleSettings,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WorkerResponse, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

let model: LoadedModel | null = null;
let backend: BackendName | null = null;
let modelUrl: string | null = null;
const cancelled = new Set<number>();

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  handle(request).catch((error: unknown) => post({ type: 'error', id: request.id, message: describeError(error) }));
};

function handle(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<void> {
  switch (request.type) {
    case 'init':
      return init(request);
    case 'sample':
      return sample(request.id, request.settings);
    case 'denoise':
      return denoiseOnce(request);
    case 'memory': {
      const { numTensors, numBytes } = tf.memory();
      post({ type: 'memory', id: request.id, numTensors, numBytes });
      return Promise.resolve();
    }
    case 'simulate':
      return simulate(request.id, request.fault);
    case 'probe-webgpu':
      return probeWebGpu().then((adapter) => post({ type: 'webgpu-adapter', id: request.id, adapter }));
  }
}

/** Fault injection: a destroyed GPU device (as when a driver resets) or an uncaught error. */
async function simulate(id: number, fault: 'device-loss' | 'crash'): Promise<void> {
  if (fault === 'crash') {
    setTimeout(() => {
      throw new Error('simulated crash');
    });
  } else {
    const device = (tf.backend() as unknown as { device?: { destroy(): void } }).device;
    if (backend !== 'webgpu' || !device) throw new Error('device loss can only be simulated on WebGPU');
    device.destroy();
  }
  post({ type: 'simulated', id });
}

async function init(request: Extract<WorkerRequest, { type: 'init' }>): Promise<void> {
  const { id } = request;
  const started = performance.now();
  post({ type: 'init-progress', id, phase: 'backend', fraction: 0 });
  const chosen = await startBackend(await backendOrder(request.backend));
  backend = chosen.name;
  watchDeviceLoss();
  const backendMs = performance.now() - started;
  if (model) {
    disposeModel(model);
    model = null;
  }
  const weightsStart = performance.now();
  modelUrl = request.modelUrl;
  model = await loadModel(cachedSource(fetchSource(request.modelUrl), request.modelUrl), (loaded, total) =>
    post({ type: 'init-progress', id, phase: 'weights', fraction: loaded / total }),
  );
  const weightsMs = performance.now() - weightsStart;
  post({ type: 'init-progress', id, phase: 'warm-up', fraction: 0 });
  const warmStart = performance.now();
  // First calls compile kernels (shaders on WebGPU/WebGL): do it now, behind the loading state.
  const size = model.config.imageSize;
  await x0Denoiser(requireModel, 1)(new Float32Array(size * size * model.config.inChannels), 0);
  const warmUpMs = performance.now() - warmStart;
  post({
    type: 'ready',
    id,
    backend: chosen.name,
    adapter: chosen.adapter,
    fallbacks: chosen.fallbacks,
    timings: { backendMs, weightsMs, warmUpMs },
    paramCount: Object.values(model.params).reduce((sum, t) => sum + t.size, 0),
  });
}

async function sample(id: number, settings: SampleSettings): Promise<void> {
  const loaded = requireModel();
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
    const images = await SAMPLERS[settings.sampler].run(x0Denoiser(requireModel, settings.batch), x, settings.logSnrs, {
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
    });
    const totalMs = performance.now() - started;
    post({ type: 'done', id, images, totalMs, msPerStep: totalMs / steps }, [images.buffer]);
  } catch (error) {
    if (error instanceof SamplingCancelled) post({ type: 'cancelled', id });
    else throw error;
  } finally {
    cancelled.delete(id);
  }
}

async function denoiseOnce(request: Extract<WorkerRequest, { type: 'denoise' }>): Promise<void> {
  const loaded = requireModel();
  const size = loaded.config.imageSize;
  const { batch } = request;
  const { x0, v } = tf.tidy(() =>
    predictX0(loaded, tf.tensor4d(request.x, [batch, size, size, loaded.config.inChannels]), request.logSnr),
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

function requireModel(): LoadedModel {
  if (!model) throw new Error('The model is not loaded yet.');
  return model;
}

/**
 * On WebGPU a lost device ends the backend and the weights on it: say so, start the next backend
 * and reload the weights there (the browser's cache serves them again).
 */
function watchDeviceLoss(): void {
  if (backend !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string }> } }).device;
  void device?.lost?.then(async (info) => {
    if (backend !== 'webgpu') return;
    const reason = info?.message || 'the GPU device was lost';
    model = null;
    try {
      const next = await startBackend([...CPU_SIDE_BACKENDS]);
      backend = next.name;
      if (modelUrl) model = await loadModel(cachedSource(fetchSource(modelUrl), modelUrl));
      post({
        type: 'backend-lost',
        backend: next.name,
        message: `WebGPU stopped (${reason}); switched to ${next.name}.`,
      });
    } catch (error) {
      post({
        type: 'backend-lost',
        backend: 'cpu',
        message: `WebGPU stopped (${reason}) and no other backend could take over: ${describeError(error)}`,
      });
    }
  });
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
