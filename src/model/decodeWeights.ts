/**
 * The weights' bytes as tensors. tf.io.decodeWeights converts float16 weights in JavaScript, one
 * weight at a time (its lookup tables rebuilt and the weight's bytes copied for each): ~160 ms of
 * a ~550 ms model load on this project's two-core machine (docs/BENCHMARKS.md §3), on the path to
 * the first sample. Where the engine has Float16Array (Chromium 135+, Firefox 129+, Safari 18.2+)
 * it converts natively; elsewhere tfjs's own decoder is used unchanged.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Converts IEEE half-precision values (as their bits) to float32, exactly. */
export type HalfToFloat = (halves: Uint16Array) => Float32Array;

/** The engine's conversion, or null where Float16Array is missing. */
export const nativeHalfToFloat: HalfToFloat | null =
  typeof globalThis.Float16Array === 'function'
    ? (halves) => new Float32Array(new Float16Array(halves.buffer, halves.byteOffset, halves.length))
    : null;

/**
 * Tensors for `entries` (float32 weights stored as float32 or float16, back to back in `buffer`, as
 * loadModel has checked), with `halfToFloat` converting float16; tf.io.decodeWeights without one.
 */
export function decodeWeights(
  buffer: ArrayBuffer,
  entries: tf.io.WeightsManifestEntry[],
  halfToFloat: HalfToFloat | null = nativeHalfToFloat,
): tf.NamedTensorMap {
  if (!halfToFloat) return tf.io.decodeWeights(buffer, entries);
  const tensors: tf.NamedTensorMap = {};
  let offset = 0;
  for (const entry of entries) {
    const size = entry.shape.reduce((product, n) => product * n, 1);
    const half = entry.quantization?.dtype === 'float16';
    // A float16 weight starts at an even offset (every weight before it is 2 or 4 bytes a value);
    // a float32 one is copied out, as its offset need not be a multiple of 4.
    const values = half
      ? halfToFloat(new Uint16Array(buffer, offset, size))
      : new Float32Array(buffer.slice(offset, offset + 4 * size));
    tensors[entry.name] = tf.tensor(values, entry.shape, 'float32');
    offset += size * (half ? 2 : 4);
  }
  return tensors;
}
