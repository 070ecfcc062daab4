/**
 * A kernel of our own for the tfjs 'wasm' backend, in JavaScript over the wasm heap (the way the
 * backend's own JavaScript kernels, e.g. Concat, read and write it). Registered only for 'wasm';
 * on every other backend the callers keep the generic tf-op path. docs/BENCHMARKS.md, section 2,
 * has the profile that asked for it and what it saved.
 */
import * as tf from '@tensorflow/tfjs-core';

/**
 * GroupNorm statistics folded with the affine weights into one scale and shift per sample and
 * channel, so that GroupNorm(x) = x·scale + shift (torch.nn.GroupNorm: biased variance per sample
 * over (H, W, C/groups), then γ, β per channel). Inputs x [B, H, W, C] NHWC, gamma [C], beta [C];
 * attrs groups, epsilon; outputs scale, shift, each [B, 1, 1, C].
 */
export const GROUP_NORM_SCALE_SHIFT = 'SnrLabGroupNormScaleShift';

/** The part of tfjs-backend-wasm's BackendWasm this kernel uses (not imported: it loads lazily). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType, memoryOffset?: number, values?: Float32Array): tf.TensorInfo;
  typedArrayFromHeap(tensor: tf.TensorInfo): Float32Array;
}

function groupNormScaleShiftWasm({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo[] {
  const heap = backend as unknown as WasmHeapBackend;
  const { x, gamma, beta } = inputs as { x: tf.TensorInfo; gamma: tf.TensorInfo; beta: tf.TensorInfo };
  const { groups, epsilon } = attrs as { groups: number; epsilon: number };
  const [batch, height, width, channels] = x.shape;
  const pixels = height * width;
  const perGroup = channels / groups;
  const count = pixels * perGroup;
  // Views on the heap are taken after nothing else allocates (an allocation can grow the memory
  // and detach them); the outputs are copied in by makeOutput at the end.
  const xs = heap.typedArrayFromHeap(x); // [B, H·W, C] flat
  const gammas = heap.typedArrayFromHeap(gamma); // [C]
  const betas = heap.typedArrayFromHeap(beta); // [C]
  const scale = new Float32Array(batch * channels); // [B, C]
  const shift = new Float32Array(batch * channels); // [B, C]
  for (let b = 0; b < batch; b++) {
    for (let g = 0; g < groups; g++) {
      // Sums in float64 (JavaScript numbers): the one-pass variance E[x²] − mean² loses nothing
      // that matters at these sizes, and the tensor is read once.
      let sum = 0;
      let sumOfSquares = 0;
      const first = b * pixels * channels + g * perGroup;
      for (let p = 0; p < pixels; p++) {
        const offset = first + p * channels;
        for (let c = 0; c < perGroup; c++) {
          const value = xs[offset + c];
          sum += value;
          sumOfSquares += value * value;
        }
      }
      const mean = sum / count;
      const inverseStd = 1 / Math.sqrt(Math.max(sumOfSquares / count - mean * mean, 0) + epsilon);
      for (let c = g * perGroup; c < (g + 1) * perGroup; c++) {
        const channelScale = inverseStd * gammas[c];
        scale[b * channels + c] = channelScale;
        shift[b * channels + c] = betas[c] - mean * channelScale;
      }
    }
  }
  const shape = [batch, 1, 1, channels];
  return [heap.makeOutput(shape, 'float32', undefined, scale), heap.makeOutput(shape, 'float32', undefined, shift)];
}

/** Registers the kernel for 'wasm' (once; the registry is global to tfjs-core). */
export function registerWasmKernels(): void {
  if (tf.getKernel(GROUP_NORM_SCALE_SHIFT, 'wasm')) return;
  tf.registerKernel({ kernelName: GROUP_NORM_SCALE_SHIFT, backendName: 'wasm', kernelFunc: groupNormScaleShiftWasm });
}

/**
 * Whether the active backend runs GROUP_NORM_SCALE_SHIFT. Only 'wasm' does; elsewhere GroupNorm
 * stays the generic path of unet.ts.
 */
export function hasGroupNormKernel(): boolean {
  return tf.getBackend() === 'wasm' && tf.getKernel(GROUP_NORM_SCALE_SHIFT, 'wasm') !== undefined;
}

/**
 * GroupNorm with affine weights on the wasm backend: x [B, H, W, C] → [B, H, W, C], two full
 * passes (multiply, add) after one read for the statistics.
 */
export function groupNormWasm(
  x: tf.Tensor4D,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  groups: number,
  epsilon: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [scale, shift] = tf
      .engine()
      .runKernel(GROUP_NORM_SCALE_SHIFT, { x, gamma, beta }, { groups, epsilon }) as tf.Tensor[];
    return tf.add(tf.mul(x, scale), shift);
  });
}
