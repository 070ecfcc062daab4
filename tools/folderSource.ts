// Model files read from a folder on disk, for Node: the unit tests and the wasm profile bench.
import { readFileSync } from 'node:fs';
import type { ByteSource } from '../src/model/loadModel';

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
