// The weights decoder (src/model/decodeWeights.ts) against tfjs's own, and the half-precision
// conversion it relies on against the closed form of IEEE 754 binary16. (The engine's native
// Float16Array is checked against the same closed form in the browser: test/browser/float16.spec.ts;
// Node 20 has none.)
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeWeights, nativeHalfToFloat, type HalfToFloat } from '../../../src/model/decodeWeights';
import { halfToFloatClosedForm } from '../../halfFloat';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every one of the 65 536 half-precision bit patterns. */
const ALL_HALVES = Uint16Array.from({ length: 65_536 }, (_, bits) => bits);

/**
 * Half bit patterns whose conversions differ: bit for bit (so −0 differs from +0), except that NaN
 * payloads may differ between converters.
 */
function mismatches(actual: Float32Array, expected: Float32Array): number[] {
  const actualBits = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const expectedBits = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  return Array.from(ALL_HALVES).filter((i) =>
    Number.isNaN(expected[i]) ? !Number.isNaN(actual[i]) : actualBits[i] !== expectedBits[i],
  );
}

describe('the closed form of binary16', () => {
  it('matches tfjs decodeWeights on every bit pattern', () => {
    const spec: tf.io.WeightsManifestEntry = {
      name: 'all',
      shape: [ALL_HALVES.length],
      dtype: 'float32',
      quantization: { dtype: 'float16' },
    };
    const byTfjs = tf.io.decodeWeights(ALL_HALVES.slice().buffer, [spec]).all;
    const expected = byTfjs.dataSync() as Float32Array;
    const ours = halfToFloatClosedForm(ALL_HALVES);
    expect(mismatches(ours, expected)).toEqual([]);
    byTfjs.dispose();
  });
});

describe('decodeWeights', () => {
  /** A manifest mixing float16 and float32 weights of odd sizes, and its bytes. */
  function mixedWeights(): { buffer: ArrayBuffer; entries: tf.io.WeightsManifestEntry[]; values: Float32Array[] } {
    const shapes: [number[], 'float16' | 'float32'][] = [
      [[3], 'float16'], // odd count: the float32 weight after it starts at an offset of 6 bytes
      [[2, 5], 'float32'],
      [[4, 1, 3], 'float16'],
      [[7], 'float32'],
      [[1], 'float16'],
    ];
    const values = shapes.map(([shape], w) =>
      Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (w + 1) * 0.375 * (i - 2.5)),
    );
    const parts = shapes.map(([, stored], w) =>
      stored === 'float32' ? new Uint8Array(values[w].slice().buffer) : new Uint8Array(toHalves(values[w]).buffer),
    );
    const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
    parts.reduce((offset, part) => (bytes.set(part, offset), offset + part.length), 0);
    const entries = shapes.map(([shape, stored], w) => ({
      name: `w${w}`,
      shape,
      dtype: 'float32' as const,
      ...(stored === 'float16' ? { quantization: { dtype: 'float16' as const } } : {}),
    }));
    return { buffer: bytes.buffer, entries, values };
  }

  /** Exactly representable values only (multiples of 0.375 up to a few tens), so no rounding is involved. */
  function toHalves(values: Float32Array): Uint16Array {
    const allValues = halfToFloatClosedForm(ALL_HALVES);
    return Uint16Array.from(values, (v) => {
      const bits = allValues.indexOf(v); // +0 comes before −0
      if (bits < 0) throw new Error(`${v} is not a half`);
      return bits;
    });
  }

  it('gives the same tensors as tf.io.decodeWeights, with the given conversion', () => {
    const { buffer, entries, values } = mixedWeights();
    const byTfjs = tf.io.decodeWeights(buffer, entries);
    const converted: number[] = [];
    const counting: HalfToFloat = (halves) => (converted.push(halves.length), halfToFloatClosedForm(halves));
    const ours = decodeWeights(buffer, entries, counting);
    expect(converted).toEqual([3, 12, 1]); // each float16 weight went through the conversion
    entries.forEach(({ name, shape }, w) => {
      expect(ours[name].shape).toEqual(shape);
      expect(ours[name].dtype).toBe('float32');
      expect(Array.from(ours[name].dataSync())).toEqual(Array.from(byTfjs[name].dataSync()));
      expect(Array.from(ours[name].dataSync())).toEqual(Array.from(values[w]));
    });
    tf.dispose([...Object.values(byTfjs), ...Object.values(ours)]);
  });

  it('is tfjs decodeWeights itself where there is no conversion', () => {
    const { buffer, entries, values } = mixedWeights();
    const before = tf.memory().numTensors;
    const ours = decodeWeights(buffer, entries, null);
    expect(Array.from(ours.w3.dataSync())).toEqual(Array.from(values[3]));
    tf.dispose(Object.values(ours));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('uses Float16Array where the engine has it', () => {
    expect(nativeHalfToFloat === null).toBe(typeof (globalThis as { Float16Array?: unknown }).Float16Array !== 'function');
  });
});
