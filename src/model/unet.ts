/**
 * The emoji denoisers (emoji64, emoji128w-*) in TensorFlow.js: the same function as train/model.py's
 * UNet, NHWC throughout, as a function of (params, x_t, λ). Weights keep their PyTorch state_dict names and
 * arrive in the exported layouts (conv HWIO, linear [in, out]); nothing here transposes weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from './modelConfig';
import { groupNormWasm, hasGroupNormKernel, registerWasmKernels } from './wasmKernels';

registerWasmKernels();

export type Params = Record<string, tf.Tensor>;

/**
 * Per-sample labels of a conditional model, each of length B: the table rows to add to the λ
 * embedding (0: the "unknown" token, i.e. unconditional; i: snrlab.labels' name i − 1).
 */
export interface ClassLabels {
  category: Int32Array;
  vendor: Int32Array;
}

/**
 * Fourier features of λ, [sin(λ·f_k)…, cos(λ·f_k)…] ([B, 2K], sines first), computed in float64 on
 * the CPU: GPU sin/cos lose accuracy at arguments like λ·f = 40 rad, enough to move v̂ by 1e-3.
 */
export function fourierFeatures(config: ModelConfig, logSnr: ArrayLike<number>): Float32Array {
  const k = config.fourierFrequencies.length;
  const out = new Float32Array(logSnr.length * 2 * k);
  for (let b = 0; b < logSnr.length; b++) {
    for (let i = 0; i < k; i++) {
      // Frequencies are float32 in PyTorch, and λ·f is a float32 product there: round both alike.
      const argument = Math.fround(Math.fround(logSnr[b]) * Math.fround(config.fourierFrequencies[i]));
      out[b * 2 * k + i] = Math.sin(argument);
      out[b * 2 * k + k + i] = Math.cos(argument);
    }
  }
  return out;
}

/**
 * v̂ = model(x_t, λ, labels): x_t [B, S, S, 3] NHWC in about [−1, 1] (S = config.imageSize), λ [B] →
 * v̂ [B, S, S, 3]. Space-to-depth by config.patchSize first, so the U-Net runs at S / patchSize.
 * `labels` matter only to a conditional model, which without them is asked unconditionally (row 0).
 */
export function predictV(
  params: Params,
  config: ModelConfig,
  xT: tf.Tensor4D,
  logSnr: ArrayLike<number>,
  labels?: ClassLabels,
): tf.Tensor4D {
  return tf.tidy(() => {
    const p = (name: string) => {
      const tensor = params[name];
      if (!tensor) throw new Error(`missing weight ${name}`);
      return tensor;
    };
    const conv = (name: string, x: tf.Tensor4D): tf.Tensor4D =>
      tf.fused.conv2d({
        x,
        filter: p(`${name}.weight`) as tf.Tensor4D,
        strides: 1,
        pad: 'same',
        bias: p(`${name}.bias`),
      });
    const linear = (name: string, x: tf.Tensor2D): tf.Tensor2D =>
      tf.fused.matMul({ a: x, b: p(`${name}.weight`) as tf.Tensor2D, bias: p(`${name}.bias`) }) as tf.Tensor2D;
    // On wasm, a kernel of ours reads x once for the statistics (src/model/wasmKernels.ts).
    const groupNormOn = hasGroupNormKernel() ? groupNormWasm : groupNorm;
    const norm = (name: string, x: tf.Tensor4D): tf.Tensor4D =>
      groupNormOn(x, p(`${name}.weight`), p(`${name}.bias`), config.groups, config.groupNormEps);
    const silu = <T extends tf.Tensor>(x: T): T => tf.mul(x, tf.sigmoid(x)) as T;

    const resBlock = (name: string, x: tf.Tensor4D, embAct: tf.Tensor2D): tf.Tensor4D => {
      let h = conv(`${name}.conv1`, silu(norm(`${name}.norm1`, x)));
      const emb = linear(`${name}.emb`, embAct); // [B, C_out]
      h = tf.add(h, tf.reshape(emb, [emb.shape[0], 1, 1, emb.shape[1]]));
      h = conv(`${name}.conv2`, silu(norm(`${name}.norm2`, h)));
      const skip = params[`${name}.skip.weight`] ? conv(`${name}.skip`, x) : x;
      return tf.add(skip, h);
    };

    const attention = (x: tf.Tensor4D): tf.Tensor4D => {
      const [batch, height, width, channels] = x.shape;
      const heads = config.attnHeads;
      const headSize = channels / heads;
      const tokens = tf.reshape(norm('attn.norm', x), [batch * height * width, channels]) as tf.Tensor2D;
      const qkv = tf.reshape(linear('attn.qkv', tokens), [batch, height * width, 3 * channels]);
      // q | k | v along the last axis, each split into contiguous head slices: [B, nh, T, hs].
      // (Three slices rather than tf.split, whose wasm kernel took 2.6 ms here.)
      const [q, k, v] = [0, 1, 2].map((part) =>
        tf.transpose(
          tf.reshape(tf.slice(qkv, [0, 0, part * channels], [batch, height * width, channels]), [
            batch,
            height * width,
            heads,
            headSize,
          ]),
          [0, 2, 1, 3],
        ),
      );
      const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headSize))); // [B, nh, T, T]
      const out = tf.reshape(tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]), [batch * height * width, channels]);
      return tf.add(x, tf.reshape(linear('attn.proj', out as tf.Tensor2D), x.shape));
    };

    // λ embedding: [sin(λ f), cos(λ f)] → Linear → SiLU → Linear; blocks use SiLU(emb).
    const fourier = tf.tensor2d(fourierFeatures(config, logSnr), [logSnr.length, 2 * config.fourierFrequencies.length]);
    const emb = linear('embed.linear2', silu(linear('embed.linear1', fourier)));
    // As train/model.py: the label embeddings are added before the SiLU the blocks take.
    const batch = logSnr.length;
    const withClass = addLabelRows(emb, p, 'class_emb.weight', config.numClasses, labels?.category, batch);
    const embAct = silu(addLabelRows(withClass, p, 'vendor_emb.weight', config.numVendors, labels?.vendor, batch));

    const patches = spaceToDepth(xT, config.patchSize); // [B, S/p, S/p, p²·3]
    let h = conv('stem', patches); // [B, S/p, S/p, C0]: 32×32 for every shipped model
    const skips: tf.Tensor4D[] = [h];
    const levels = config.channels.length;
    for (let i = 0; i < levels; i++) {
      for (let j = 0; j < config.numResBlocks; j++) {
        h = resBlock(`down.${i}.${j}`, h, embAct);
        skips.push(h);
      }
      if (i < levels - 1) {
        h = tf.avgPool(h, 2, 2, 'valid');
        skips.push(h);
      }
    }
    h = resBlock('mid1', h, embAct);
    h = attention(h);
    h = resBlock('mid2', h, embAct);
    for (let up = 0; up < levels; up++) {
      for (let j = 0; j <= config.numResBlocks; j++)
        h = resBlock(`up.${up}.${j}`, tf.concat([h, skips.pop()!], 3), embAct);
      if (up < levels - 1) {
        const [, height, width] = h.shape;
        h = conv(`upsample.${up}.conv`, tf.image.resizeNearestNeighbor(h, [2 * height, 2 * width]));
      }
    }
    const outAct = silu(norm('out_norm', h));
    h = conv('out_conv', outAct); // [B, S/p, S/p, p²·3]
    if (config.hfPassMaxLogSnr !== null) {
      const gain = hfPassGain(logSnr, config.hfPassMaxLogSnr);
      h = tf.add(h, tf.mul(tf.mul(conv('hf_pass.gate', outAct), gain), patchHighpass(patches, config.inChannels)));
      if (config.hfPassCoarsePatches !== null) {
        // one value per patch and colour, the same at all p² positions of the patch
        const band = patchMeanBand(patches, config.inChannels, config.hfPassCoarsePatches);
        const add = tf.mul(tf.mul(conv('hf_pass.coarse', outAct), gain), band); // [B, G, G, C]
        const [b, rows, cols, depth] = h.shape;
        const perPosition = tf.reshape(h, [b, rows, cols, depth / config.inChannels, config.inChannels]);
        const addEverywhere = tf.expandDims(add, 3); // [B, G, G, 1, C]
        h = tf.reshape(tf.add(perPosition, addEverywhere), h.shape);
      }
    }
    return tf.depthToSpace(h, config.patchSize) as tf.Tensor4D;
  });
}

/**
 * emb + table[rows] for a label the model is conditioned on (count > 0); emb unchanged otherwise.
 * Rows are checked here: tf.gather's kernels do not agree on an index out of range (zeros or an error).
 */
function addLabelRows(
  emb: tf.Tensor2D,
  weight: (name: string) => tf.Tensor,
  name: string,
  count: number,
  rows: Int32Array | undefined,
  batch: number,
): tf.Tensor2D {
  if (count === 0) return emb;
  const indices = rows ?? new Int32Array(batch);
  if (indices.length !== batch) throw new Error(`${name}: ${indices.length} labels for a batch of ${batch}`);
  for (const row of indices) {
    if (!Number.isInteger(row) || row < 0 || row > count) throw new Error(`${name}: label ${row} is not in 0…${count}`);
  }
  return tf.add(emb, tf.gather(weight(name) as tf.Tensor2D, tf.tensor1d(indices, 'int32')));
}

/**
 * The high-frequency pass's gain per sample, exp(min(λ, cap) / 2) = α/σ up to the cap, as [B, 1, 1, 1]
 * (train/model.py HfPass: on a patch without pixel-level detail the pixel band of v is α/σ times
 * that band of x_t).
 */
function hfPassGain(logSnr: ArrayLike<number>, cap: number): tf.Tensor4D {
  const gains = Float32Array.from(logSnr, (lambda) => Math.exp(0.5 * Math.min(lambda, cap)));
  return tf.tensor4d(gains, [gains.length, 1, 1, 1]);
}

/**
 * Each pixel minus its patch's mean, per colour, in space-to-depth layout: [B, G, G, p²·C] with
 * channel (di·p + dj)·C + c, so the p² positions are the slower axis → the same shape.
 */
export function patchHighpass(patches: tf.Tensor4D, colours: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, rows, cols, depth] = patches.shape;
    const perPosition = tf.reshape(patches, [batch, rows, cols, depth / colours, colours]);
    return tf.reshape(tf.sub(perPosition, tf.mean(perPosition, 3, true)), patches.shape) as tf.Tensor4D;
  });
}

/**
 * The coarse gate's band: each patch's mean minus the mean over its k × k block of patches, per
 * colour: [B, G, G, p²·C] in space-to-depth layout → [B, G, G, C] (k divides G).
 */
export function patchMeanBand(patches: tf.Tensor4D, colours: number, k: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, rows, cols, depth] = patches.shape;
    const means = tf.mean(tf.reshape(patches, [batch, rows, cols, depth / colours, colours]), 3) as tf.Tensor4D;
    const blockMeans = tf.image.resizeNearestNeighbor(tf.avgPool(means, k, k, 'valid'), [rows, cols]);
    return tf.sub(means, blockMeans) as tf.Tensor4D;
  });
}

/**
 * GroupNorm with affine weights, as torch.nn.GroupNorm: x [B, H, W, C] NHWC → [B, H, W, C], statistics
 * per sample over (H, W, C/groups), biased variance; gamma, beta [C]. Generic tf ops, for every
 * backend. Written for few full-size kernels (docs/BENCHMARKS.md): the centred tensor is reused for
 * the variance, and 1/σ and γ are folded into one small scale first.
 */
export function groupNorm(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number, epsilon: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width, channels] = x.shape;
    const perGroup = channels / groups;
    const grouped = tf.reshape(x, [batch, height, width, groups, perGroup]);
    const centred = tf.sub(grouped, tf.mean(grouped, [1, 2, 4], true));
    const variance = tf.mean(tf.square(centred), [1, 2, 4], true); // [B, 1, 1, G, 1]
    const scale = tf.mul(tf.rsqrt(tf.add(variance, epsilon)), tf.reshape(gamma, [1, 1, 1, groups, perGroup])); // [B, 1, 1, G, C/G]
    return tf.add(tf.reshape(tf.mul(centred, scale), x.shape), beta) as tf.Tensor4D;
  });
}

/**
 * TensorFlow's space_to_depth (NHWC; tfjs has only depthToSpace):
 * out[b, i, j, (di·block + dj)·C + c] = x[b, i·block + di, j·block + dj, c]. Written with one 4-D
 * transpose, which every backend has: rows (i, di) stay split, (dj, c) are already contiguous.
 */
export function spaceToDepth(x: tf.Tensor4D, block: number): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  return tf.tidy(() => {
    const rows = tf.reshape(x, [batch * (height / block), block, width / block, block * channels]); // [B·i, di, j, (dj, c)]
    return tf.reshape(tf.transpose(rows, [0, 2, 1, 3]), [
      batch,
      height / block,
      width / block,
      block * block * channels,
    ]);
  });
}
