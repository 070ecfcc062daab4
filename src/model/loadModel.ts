/**
 * Loads the model from a TensorFlow.js weights manifest (model.json + .bin shards) with every check
 * done before a single weight is used: the manifest's structure, the architecture config, every
 * weight's name, shape and dtype against what the config implies, and each shard's sha256.
 * A mismatch is a clear ModelLoadError, never garbage samples.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeWeights } from './decodeWeights';
import { expectedWeights, parseModelConfig, parseModelLabels, type ModelConfig, type ModelLabels } from './modelConfig';
import { parseTrainingSchedule, type TrainingSchedule } from '../math/samplingGrid';
import type { Params } from './unet';

export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** The server could not be reached at all (offline, DNS, reset), as opposed to an HTTP error. */
export class ModelUnreachableError extends ModelLoadError {
  override name = 'ModelUnreachableError';
}

export interface ModelManifest {
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  snrlab: {
    architecture: unknown;
    shards: Record<string, { sha256: string; bytes: number }>;
    /** Checked and renamed by parseTrainingSchedule into LoadedModel.schedule. */
    schedule?: unknown;
    param_count?: number;
    [key: string]: unknown;
  };
}

export interface LoadedModel {
  config: ModelConfig;
  /** snrlab.labels of a conditional model; null for an unconditional one. */
  labels: ModelLabels | null;
  /** snrlab.schedule, checked by the parser the models index uses; null when the manifest has none. */
  schedule: TrainingSchedule | null;
  params: Params;
  manifest: ModelManifest;
  /** Bytes of weights downloaded. */
  bytes: number;
}

/** What the manifest promises about a weights shard: a source may look it up by this content. */
export interface ShardDigest {
  sha256: string;
  bytes: number;
}

/**
 * Reads a URL or a file: the browser passes fetch (behind a content cache), Node tests pass a file
 * reader. `expected` is given for weights shards only; whatever comes back is still checked here.
 */
export type ByteSource = (path: string, expected?: ShardDigest) => Promise<ArrayBuffer>;

export function fetchSource(baseUrl: string): ByteSource {
  return async (path) => {
    const url = new URL(path, baseUrl).href;
    let response: Response;
    try {
      // 'no-cache' revalidates with the server: a stale HTTP-cached shard under an unchanged name
      // would fail its checksum after a model update (the content cache, not the HTTP cache, is what
      // serves weights offline).
      response = await fetch(url, { cache: 'no-cache' });
    } catch (error) {
      throw new ModelUnreachableError(`Could not fetch ${path}: ${String(error)}`);
    }
    if (!response.ok) throw new ModelLoadError(`Model file ${path} is missing (HTTP ${response.status} for ${url}).`);
    return response.arrayBuffer();
  };
}

export async function loadModel(
  read: ByteSource,
  onProgress: (loadedBytes: number, totalBytes: number) => void = () => {},
): Promise<LoadedModel> {
  const manifest = parseManifest(await read('model.json'));
  const config = asLoadError(() => parseModelConfig(manifest.snrlab.architecture));
  const labels = asLoadError(() => parseModelLabels(manifest.snrlab.labels, config));
  const schedule =
    manifest.snrlab.schedule === undefined
      ? null
      : asLoadError(() => parseTrainingSchedule(manifest.snrlab.schedule), 'model.json: snrlab.schedule: ');
  checkInputShape(manifest.snrlab.input_shape, config);
  const group = manifest.weightsManifest[0];
  checkWeights(group.weights, config);

  const totalBytes = group.paths.reduce((sum, path) => sum + manifest.snrlab.shards[path].bytes, 0);
  let loaded = 0;
  // The shards download side by side; each is checked as it arrives.
  const parts = await Promise.all(
    group.paths.map(async (path) => {
      const expected = manifest.snrlab.shards[path];
      const bytes = new Uint8Array(await read(path, expected));
      const digest = await sha256Hex(bytes);
      if (bytes.byteLength !== expected.bytes || digest !== expected.sha256) {
        throw new ModelLoadError(
          `Weights shard ${path} failed its check (${bytes.byteLength} bytes, sha256 ${digest.slice(0, 12)}…; expected ${
            expected.bytes
          } bytes, ${expected.sha256.slice(0, 12)}…): the file is corrupt or truncated.`,
        );
      }
      loaded += bytes.byteLength;
      onProgress(loaded, totalBytes);
      return bytes;
    }),
  );
  const buffer = concat(parts);
  const needed = group.weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1) * bytesPerValue(w), 0);
  if (needed !== buffer.byteLength) {
    throw new ModelLoadError(`The shards hold ${buffer.byteLength} bytes but the manifest describes ${needed}.`);
  }
  const params = decodeWeights(buffer.buffer as ArrayBuffer, group.weights) as Params;
  return { config, labels, schedule, params, manifest, bytes: buffer.byteLength };
}

function parseManifest(bytes: ArrayBuffer): ModelManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ModelLoadError('model.json is not valid JSON.');
  }
  const manifest = json as Partial<ModelManifest>;
  const group = manifest.weightsManifest?.[0];
  if (!Array.isArray(manifest.weightsManifest) || manifest.weightsManifest.length !== 1 || !group) {
    throw new ModelLoadError('model.json must have exactly one weightsManifest group.');
  }
  if (!Array.isArray(group.paths) || !Array.isArray(group.weights)) {
    throw new ModelLoadError('model.json: weightsManifest[0] needs paths and weights lists.');
  }
  const shards = manifest.snrlab?.shards;
  if (typeof manifest.snrlab !== 'object' || !shards)
    throw new ModelLoadError('model.json has no snrlab.shards checksums.');
  for (const path of group.paths) {
    if (typeof path !== 'string' || !/^[\w.-]+\.bin$/.test(path))
      throw new ModelLoadError(`model.json names a bad shard path “${path}”.`);
    const info = shards[path];
    if (!info || !/^[0-9a-f]{64}$/.test(info.sha256) || !Number.isInteger(info.bytes)) {
      throw new ModelLoadError(`model.json has no sha256 and byte count for shard ${path}.`);
    }
  }
  return manifest as ModelManifest;
}

/** The manifest's parsers throw plain Errors; loading reports them as ModelLoadErrors. */
function asLoadError<T>(parse: () => T, where = ''): T {
  try {
    return parse();
  } catch (error) {
    throw new ModelLoadError(where + (error as Error).message);
  }
}

/** snrlab.input_shape, where given, must be [null, S, S, C] with the architecture's S and C. */
function checkInputShape(inputShape: unknown, config: ModelConfig): void {
  if (inputShape === undefined) return;
  const expected = [null, config.imageSize, config.imageSize, config.inChannels];
  if (!Array.isArray(inputShape) || inputShape.length !== 4 || inputShape.some((n, i) => n !== expected[i])) {
    throw new ModelLoadError(
      `model.json: snrlab.input_shape ${JSON.stringify(inputShape)} does not match the architecture's ${JSON.stringify(expected)}.`,
    );
  }
}

function checkWeights(weights: tf.io.WeightsManifestEntry[], config: ModelConfig): void {
  const expected = new Map(expectedWeights(config).map((w) => [w.name, w.shape]));
  const seen = new Set<string>();
  for (const weight of weights) {
    const shape = expected.get(weight.name);
    if (!shape) throw new ModelLoadError(`The manifest names a weight this network does not have: “${weight.name}”.`);
    if (seen.has(weight.name)) throw new ModelLoadError(`The manifest lists “${weight.name}” twice.`);
    seen.add(weight.name);
    if (weight.shape.length !== shape.length || weight.shape.some((n, i) => n !== shape[i])) {
      throw new ModelLoadError(`Weight “${weight.name}” has shape [${weight.shape}], expected [${shape}].`);
    }
    const stored = weight.quantization?.dtype ?? weight.dtype;
    if (weight.dtype !== 'float32' || (stored !== 'float32' && stored !== 'float16')) {
      throw new ModelLoadError(`Weight “${weight.name}” is stored as ${stored}; expected float16 or float32.`);
    }
  }
  for (const name of expected.keys()) {
    if (!seen.has(name)) throw new ModelLoadError(`The manifest is missing the weight “${name}”.`);
  }
}

const bytesPerValue = (weight: tf.io.WeightsManifestEntry) => (weight.quantization?.dtype === 'float16' ? 2 : 4);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Lowercase hex sha256 of `bytes`, the form snrlab.shards stores. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Frees every weight tensor. */
export function disposeModel(model: LoadedModel): void {
  for (const tensor of Object.values(model.params)) tensor.dispose();
}
