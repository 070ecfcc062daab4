import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { ByteSource } from '../../../src/model/loadModel';

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

/** Reads model files from a folder; `patch` may replace a file's bytes (to simulate damage). */
export function folderSource(
  folder: string,
  patch: Record<string, (bytes: Uint8Array) => Uint8Array> = {},
): ByteSource {
  return async (path) => {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(`${folder}/${path}`));
    } catch {
      throw new Error(`Model file ${path} is missing.`);
    }
    if (patch[path]) bytes = patch[path](bytes);
    return bytes.slice().buffer;
  };
}

export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}
