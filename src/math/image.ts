/**
 * Image operations on float RGB buffers.
 *
 * Layout: `data` is [height, width, 3] interleaved (HWC), values in [−1, 1] on sRGB code values
 * (x = 2·v/255 − 1). We deliberately do not linearise sRGB: diffusion models are trained on
 * sRGB values, so that is the space whose SNR matters.
 */

export interface RgbImage {
  width: number;
  height: number;
  /** [height, width, 3] HWC, in [−1, 1]. */
  data: Float32Array;
}

export function createImage(width: number, height: number): RgbImage {
  return { width, height, data: new Float32Array(width * height * 3) };
}

/** The largest centred square, as a crop rectangle in source pixels. */
export function centreSquare(width: number, height: number): { x: number; y: number; size: number } {
  const size = Math.min(width, height);
  return { x: Math.floor((width - size) / 2), y: Math.floor((height - size) / 2), size };
}

/**
 * s×s average pooling. `width` and `height` must be multiples of `factor`.
 * Writes into `out` when given (reused buffers on hot paths) and returns it.
 */
export function averagePool(image: RgbImage, factor: number, out?: RgbImage): RgbImage {
  const { width, height, data } = image;
  if (!Number.isInteger(factor) || factor < 1 || width % factor !== 0 || height % factor !== 0) {
    throw new Error(`averagePool: ${width}×${height} is not divisible by ${factor}`);
  }
  const outWidth = width / factor;
  const outHeight = height / factor;
  const result = out ?? createImage(outWidth, outHeight);
  if (result.width !== outWidth || result.height !== outHeight) throw new Error('averagePool: wrong output size');
  averagePoolArray(data, width, height, factor, result.data);
  return result;
}

/** averagePool on a bare HWC-3 array (noise buffers share the image layout). */
export function averagePoolArray(
  data: Float32Array,
  width: number,
  height: number,
  factor: number,
  out: Float32Array,
): Float32Array {
  const outWidth = width / factor;
  const outHeight = height / factor;
  const scale = 1 / (factor * factor);
  // Accumulate rows in float64 so 32×32 pools of ±1 values lose nothing.
  const rowSums = new Float64Array(outWidth * 3);
  for (let outRow = 0; outRow < outHeight; outRow++) {
    rowSums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let index = (outRow * factor + dy) * width * 3;
      for (let outCol = 0; outCol < outWidth; outCol++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dx = 0; dx < factor; dx++, index += 3) {
          r += data[index];
          g += data[index + 1];
          b += data[index + 2];
        }
        rowSums[outCol * 3] += r;
        rowSums[outCol * 3 + 1] += g;
        rowSums[outCol * 3 + 2] += b;
      }
    }
    const base = outRow * outWidth * 3;
    for (let k = 0; k < outWidth * 3; k++) out[base + k] = rowSums[k] * scale;
  }
  return out;
}

/** averagePoolArray on each image of a batch [B, S, S, 3] -> [B, S/factor, S/factor, 3]. */
export function averagePoolBatch(images: Float32Array, batch: number, size: number, factor: number): Float32Array {
  if (!Number.isInteger(factor) || factor < 1 || size % factor !== 0) {
    throw new Error(`averagePoolBatch: ${size} px is not divisible by ${factor}`);
  }
  const inPer = size * size * 3;
  const outPer = inPer / (factor * factor);
  const out = new Float32Array(batch * outPer);
  for (let b = 0; b < batch; b++) {
    averagePoolArray(images.subarray(b * inPer, (b + 1) * inPer), size, size, factor, out.subarray(b * outPer, (b + 1) * outPer));
  }
  return out;
}

/** Per output pixel along one axis: the source pixels it covers and their area weights (sum 1). */
function areaWeights(sourceSize: number, targetSize: number): { start: Int32Array; weights: Float64Array[] } {
  const scale = sourceSize / targetSize;
  const start = new Int32Array(targetSize);
  const weights: Float64Array[] = [];
  for (let i = 0; i < targetSize; i++) {
    const from = i * scale;
    const to = from + scale;
    const first = Math.floor(from);
    const last = Math.min(sourceSize - 1, Math.ceil(to) - 1);
    const w = new Float64Array(last - first + 1);
    for (let j = first; j <= last; j++) w[j - first] = (Math.min(to, j + 1) - Math.max(from, j)) / scale;
    start[i] = first;
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Area (box-filter) resampling to any size: each output pixel is the area-weighted mean of the
 * source pixels it covers. For integer factors this is exactly averagePool; upscaling gives
 * nearest-neighbour blocks (with area blending where a source pixel straddles two outputs).
 */
export function areaResize(image: RgbImage, outWidth: number, outHeight: number): RgbImage {
  const horizontal = areaWeights(image.width, outWidth);
  const vertical = areaWeights(image.height, outHeight);
  // Pass 1: resize rows, [image.height, outWidth, 3].
  const temp = new Float32Array(image.height * outWidth * 3);
  for (let row = 0; row < image.height; row++) {
    const rowBase = row * image.width * 3;
    for (let col = 0; col < outWidth; col++) {
      const w = horizontal.weights[col];
      let index = rowBase + horizontal.start[col] * 3;
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = 0; k < w.length; k++, index += 3) {
        r += w[k] * image.data[index];
        g += w[k] * image.data[index + 1];
        b += w[k] * image.data[index + 2];
      }
      const o = (row * outWidth + col) * 3;
      temp[o] = r;
      temp[o + 1] = g;
      temp[o + 2] = b;
    }
  }
  // Pass 2: resize columns.
  const out = createImage(outWidth, outHeight);
  const rowLength = outWidth * 3;
  for (let row = 0; row < outHeight; row++) {
    const w = vertical.weights[row];
    const o = row * rowLength;
    for (let k = 0; k < w.length; k++) {
      const from = (vertical.start[row] + k) * rowLength;
      const weight = w[k];
      for (let c = 0; c < rowLength; c++) out.data[o + c] += weight * temp[from + c];
    }
  }
  return out;
}

/** Converts 8-bit RGBA (ImageData layout) to an RgbImage in [−1, 1], compositing alpha on white. */
export function rgbaToImage(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): RgbImage {
  const out = createImage(width, height);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    const alpha = rgba[j + 3] / 255;
    // Straight (non-premultiplied) alpha over white: v = α·c + (1 − α)·255.
    for (let c = 0; c < 3; c++) out.data[i * 3 + c] = (2 * (alpha * rgba[j + c] + (1 - alpha) * 255)) / 255 - 1;
  }
  return out;
}

/** True when any pixel of RGBA data is not fully opaque. */
export function hasTransparency(rgba: Uint8ClampedArray | Uint8Array): boolean {
  for (let j = 3; j < rgba.length; j += 4) if (rgba[j] !== 255) return true;
  return false;
}

/**
 * Writes an HWC-3 buffer in [−1, 1] into 8-bit RGBA (opaque), clamping. Modifies `rgba`.
 */
export function writeRgba(data: Float32Array, rgba: Uint8ClampedArray): void {
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    // Uint8ClampedArray rounds and clamps for us.
    rgba[j] = (data[i] + 1) * 127.5;
    rgba[j + 1] = (data[i + 1] + 1) * 127.5;
    rgba[j + 2] = (data[i + 2] + 1) * 127.5;
    rgba[j + 3] = 255;
  }
}

/** x_t = α·x_0 + σ·ε as 8-bit values: v = signal·x_0 + noise·ε + offset, before rounding and clamping. */
export interface NoisyRgbaMap {
  signal: number;
  noise: number;
  offset: number;
}

/**
 * The affine map of writeNoisyRgba: v = (α·x_0 + σ·ε + 1)·127.5 folded into two multiplies and an
 * add, so that [−1, 1] maps to [0, 255]. The explorer's WebGL mix (src/ui/explorer/glMix.ts) takes
 * its uniforms from here, so the mapping is written once.
 */
export function noisyRgbaMap(alpha: number, sigma: number): NoisyRgbaMap {
  return { signal: alpha * 127.5, noise: sigma * 127.5, offset: 127.5 };
}

/**
 * The hot path of the explorer: writes x_t = α·x_0 + σ·ε straight into 8-bit RGBA, in one pass with
 * no intermediate buffer. `signal` and `noise` are HWC-3 in [−1, 1] and N(0, 1); `rgba` is
 * [H, W, 4]. Modifies `rgba`.
 */
export function writeNoisyRgba(
  signal: Float32Array,
  noise: Float32Array,
  alpha: number,
  sigma: number,
  rgba: Uint8ClampedArray,
): void {
  const { signal: a, noise: s, offset } = noisyRgbaMap(alpha, sigma);
  for (let i = 0, j = 0; j < rgba.length; i += 3, j += 4) {
    rgba[j] = a * signal[i] + s * noise[i] + offset;
    rgba[j + 1] = a * signal[i + 1] + s * noise[i + 1] + offset;
    rgba[j + 2] = a * signal[i + 2] + s * noise[i + 2] + offset;
    rgba[j + 3] = 255;
  }
}
