/**
 * The model worker speaks in codes (src/worker/protocol.ts, WorkerNote; src/worker imports nothing
 * of the UI): here each code is said in the interface's language, one typed entry per code, so a
 * new code without words fails to compile. Details (a browser's reason, a file's error) stay as the
 * browser gave them.
 */
import { BACKEND_LABELS, WorkerFailure, type AdapterInfo, type Fallback, type WorkerNote } from '../../worker/client';
import { tr } from './i18n';

type Say = { [Code in WorkerNote['code']]: (note: Extract<WorkerNote, { code: Code }>) => string };

const SAY: Say = {
  'webgpu-switched': ({ reason, backend }) => tr('worker.switched', { reason, backend }),
  'webgpu-no-backend': ({ reason, error }) => tr('worker.noBackend', { reason, error: noteText(error) }),
  'worker-crashed': ({ reason }) => tr('worker.crashed', { reason }),
  'worker-stopped': () => tr('worker.stopped'),
  'backend-unavailable': ({ backend }) => tr('worker.unavailable', { backend }),
  'backend-load-timeout': ({ backend, seconds }) => tr('worker.loadTimeout', { backend, seconds }),
  'backend-start-timeout': ({ backend, seconds }) => tr('worker.startTimeout', { backend, seconds }),
  'backend-wrong': ({ backend }) => tr('worker.wrong', { backend }),
  'no-backend': ({ fallbacks }) => tr('worker.noneStarted', { fallbacks: fallbacksText(fallbacks) }),
  'model-unreachable': ({ detail }) => tr('worker.unreachable', { detail }),
  failed: ({ detail }) => detail,
};

/** A worker note in the current language. */
export function noteText(note: WorkerNote): string {
  return (SAY[note.code] as (note: WorkerNote) => string)(note);
}

/** What went wrong, for people: a worker's note in the current language, else the error's own words. */
export function errorText(error: unknown): string {
  if (error instanceof WorkerFailure) return noteText(error.note);
  return error instanceof Error ? error.message : String(error);
}

/** "webgpu: WebGPU is not available in this browser; webgl: …". */
export const fallbacksText = (fallbacks: Fallback[]): string =>
  fallbacks.map(({ backend, why }) => `${backend}: ${noteText(why)}`).join(tr('worker.separator'));

/** The backend readout's device: "WebAssembly SIMD, 1 thread", "Google SwiftShader (software fallback adapter)". */
export function adapterText(adapter: AdapterInfo): string {
  switch (adapter.kind) {
    case 'webgpu': {
      const description = adapter.description ?? BACKEND_LABELS.webgpu;
      return adapter.software ? tr('worker.softwareAdapter', { description }) : description;
    }
    case 'wasm':
      return tr('worker.wasmAdapter', { simd: adapter.simd ? ' SIMD' : '' });
    case 'webgl':
      return tr('worker.webglAdapter', { version: adapter.version });
    case 'cpu':
      return tr('worker.cpuAdapter');
    case 'lost':
      return tr('sampler.afterFallback');
  }
}
