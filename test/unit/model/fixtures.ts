import * as tf from '@tensorflow/tfjs-core';

export interface EncodedTensor {
  shape: number[];
  dtype: 'float32';
  base64: string;
}

/** Decodes a fixture tensor: base64 of little-endian float32 in C order. */
export function decodeTensor(entry: EncodedTensor): tf.Tensor {
  const bytes = Buffer.from(entry.base64, 'base64');
  const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return tf.tensor(values, entry.shape, 'float32');
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

/** A conditional model's fixture lists its labels per batch element (train/fixture.py). */
export interface FixtureLabels {
  category: number[];
  vendor: number[];
}

/** The fixture's labels as predictV takes them; undefined for an unconditional model's fixture. */
export function fixtureLabels(labels: FixtureLabels | undefined) {
  return labels && { category: Int32Array.from(labels.category), vendor: Int32Array.from(labels.vendor) };
}
