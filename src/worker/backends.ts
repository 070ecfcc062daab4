/**
 * Picks and starts a tfjs backend inside the worker. Order: WebGPU on a hardware adapter; where
 * the only adapter is a software fallback (adapter.info.isFallbackAdapter, e.g. SwiftShader)
 * wasm-SIMD, measured ~76× faster there (docs/BENCHMARKS.md §2); then WebGL, then CPU. A backend that
 * fails to start is skipped, and the caller is told why.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  BACKENDS,
  CPU_SIDE_BACKENDS,
  noteOf,
  WorkerFailure,
  type AdapterInfo,
  type BackendChoice,
  type BackendName,
  type Fallback,
  type WebGpuAdapter,
  type WorkerNote,
} from './protocol';

/** How long a backend's code may take to load, and the backend to start, before the next is tried. */
const START_TIMEOUT_S = 30;

/**
 * Each backend's code is fetched only when that backend is tried: the wasm path downloads only
 * wasm's chunk (and its .wasm binary), not WebGL's or WebGPU's shaders (issue 18). Importing a
 * backend package registers it with tfjs-core; the import is cached, so a second try is free.
 */
const BACKEND_LOADERS: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  wasm: loadWasm,
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

async function loadWasm(): Promise<void> {
  const [{ setWasmPaths }, { default: wasmPlain }, { default: wasmSimd }] = await Promise.all([
    import('@tensorflow/tfjs-backend-wasm'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
    import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
  ]);
  // Vite serves each .wasm under a hashed URL; tell tfjs where. The threaded build would only be
  // chosen under cross-origin isolation (COOP/COEP, which a static host rarely sets) and it hangs
  // in a minified bundle, so threads are switched off and its 425 KB binary is not shipped at all;
  // setWasmPaths insists on an entry for it, which is never fetched.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd,
  });
}

interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(): Promise<{ info?: GpuAdapterInfo; isFallbackAdapter?: boolean } | null>;
}

/** What WebGPU offers here: null when there is no adapter at all. */
export async function probeWebGpu(): Promise<WebGpuAdapter | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    const description =
      [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    return { fallback, description };
  } catch {
    return null;
  }
}

/** The order to try backends in for a choice. */
export async function backendOrder(choice: BackendChoice): Promise<BackendName[]> {
  // An explicit choice is tried first; if it fails, the CPU-side backends follow in the usual order.
  if (choice !== 'auto') return [choice, ...CPU_SIDE_BACKENDS.filter((name) => name !== choice)];
  const gpu = await probeWebGpu();
  // A software adapter is far slower than wasm-SIMD (docs/ARCHITECTURE.md, "Backends"): WebGPU goes last.
  return gpu && !gpu.fallback ? [...BACKENDS] : [...CPU_SIDE_BACKENDS, 'webgpu'];
}

export interface StartedBackend {
  name: BackendName;
  adapter: AdapterInfo;
  fallbacks: Fallback[];
}

/** Starts the first backend of `order` that works. Throws only when none does. */
export async function startBackend(order: BackendName[]): Promise<StartedBackend> {
  const fallbacks: Fallback[] = [];
  for (const name of order) {
    try {
      const seconds = START_TIMEOUT_S;
      await withTimeout(BACKEND_LOADERS[name](), { code: 'backend-load-timeout', backend: name, seconds });
      const ok = await withTimeout(tf.setBackend(name), { code: 'backend-start-timeout', backend: name, seconds });
      if (!ok) throw new WorkerFailure({ code: 'backend-unavailable', backend: name });
      await tf.ready();
      // A tiny op proves the backend computes, not just that it registered.
      const probe = tf.tidy(() => tf.sum(tf.add(tf.ones([4]), 1)));
      const value = (await probe.data())[0];
      probe.dispose();
      if (value !== 8) throw new WorkerFailure({ code: 'backend-wrong', backend: name });
      return { name, adapter: await describe(name), fallbacks };
    } catch (error) {
      fallbacks.push({ backend: name, why: noteOf(error) });
    }
  }
  throw new WorkerFailure({ code: 'no-backend', fallbacks });
}

async function describe(name: BackendName): Promise<AdapterInfo> {
  if (name === 'webgpu') {
    const adapter = await probeWebGpu();
    return { kind: 'webgpu', description: adapter?.description ?? null, software: adapter?.fallback ?? false };
  }
  if (name === 'wasm') return { kind: 'wasm', simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT') };
  if (name === 'webgl') return { kind: 'webgl', version: tf.env().getNumber('WEBGL_VERSION') };
  return { kind: 'cpu' };
}

/** `promise`, or a WorkerFailure saying `note` once its seconds have passed. */
function withTimeout<T>(promise: Promise<T>, note: WorkerNote & { seconds: number }): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new WorkerFailure(note)), note.seconds * 1000)),
  ]);
}
