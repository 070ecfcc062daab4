/**
 * The model worker speaks English (src/worker imports nothing of the UI). The messages a user
 * meets in a normal session are recognised here and said in the interface's language; their
 * details (a browser's reason, a file's error) stay as the browser gave them. Anything else
 * passes through unchanged.
 */
import { tr } from './i18n';

const PATTERNS: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^WebGPU stopped \((.*)\); switched to (\w+)\.$/s, (m) => tr('worker.switched', { reason: m[1], backend: m[2] })],
  [
    /^WebGPU stopped \((.*)\) and no other backend could take over: (.*)$/s,
    (m) => tr('worker.noBackend', { reason: m[1], error: m[2] }),
  ],
  [
    /^The model worker crashed \((.*)\); it restarts on the next request\.$/s,
    (m) => tr('worker.crashed', { reason: m[1] }),
  ],
  [/^(\w+) is not available in this browser$/, (m) => tr('worker.unavailable', { backend: m[1] })],
  [/^The model worker was stopped\.$/, () => tr('worker.stopped')],
  // The backends' adapter descriptions (src/worker/backends.ts, describe).
  [/^WebAssembly( SIMD)?, 1 thread$/, (m) => tr('worker.wasmAdapter', { simd: m[1] ?? '' })],
  [/^(.+) \(software fallback adapter\)$/s, (m) => tr('worker.softwareAdapter', { description: m[1] })],
  // A backend's fallback note: "webgpu: <why>".
  [/^(webgpu|wasm|webgl|cpu): (.+)$/s, (m) => `${m[1]}: ${workerMessage(m[2])}`],
];

/** `message` in the current language where it is one the app knows. */
export function workerMessage(message: string): string {
  for (const [pattern, say] of PATTERNS) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return message;
}
