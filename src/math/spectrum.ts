/**
 * Radially averaged power spectrum of a square image, via fft.js (indutny/fft.js: a small,
 * well-tested radix-4 FFT with no dependencies; chosen over hand-writing one). Sizes must be
 * powers of two, which is why the app's resolutions are powers of two.
 */
import FFT from 'fft.js';

export interface RadialSpectrum {
  /** Spatial frequency of each bin in cycles per pixel, (0, 0.5]. */
  frequency: Float64Array;
  /** Mean power |F|²/N² over the ring (Parseval: the sum over all 2-D bins is the mean square). */
  power: Float64Array;
}

/** Mean of the 3 channels of an HWC-3 buffer, with its overall mean removed. */
export function greyZeroMean(data: Float32Array): Float64Array {
  const n = data.length / 3;
  const grey = new Float64Array(n);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    grey[i] = (data[3 * i] + data[3 * i + 1] + data[3 * i + 2]) / 3;
    mean += grey[i];
  }
  mean /= n;
  for (let i = 0; i < n; i++) grey[i] -= mean;
  return grey;
}

/** Radially averaged power spectrum of a size×size single-channel image (row-major). */
export function radialPowerSpectrum(values: Float64Array, size: number): RadialSpectrum {
  if (size < 2 || (size & (size - 1)) !== 0) throw new Error(`radialPowerSpectrum: ${size} is not a power of two`);
  const fft = new FFT(size);
  // Complex size×size array, interleaved (re, im), transformed along rows then columns.
  const grid = new Float64Array(size * size * 2);
  const rowIn = fft.createComplexArray() as number[];
  const rowOut = fft.createComplexArray() as number[];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      rowIn[2 * col] = values[row * size + col];
      rowIn[2 * col + 1] = 0;
    }
    fft.transform(rowOut, rowIn);
    grid.set(rowOut, row * size * 2);
  }
  for (let col = 0; col < size; col++) {
    for (let row = 0; row < size; row++) {
      rowIn[2 * row] = grid[(row * size + col) * 2];
      rowIn[2 * row + 1] = grid[(row * size + col) * 2 + 1];
    }
    fft.transform(rowOut, rowIn);
    for (let row = 0; row < size; row++) {
      grid[(row * size + col) * 2] = rowOut[2 * row];
      grid[(row * size + col) * 2 + 1] = rowOut[2 * row + 1];
    }
  }
  const bins = size / 2;
  const sums = new Float64Array(bins + 1);
  const counts = new Float64Array(bins + 1);
  const norm = 1 / (size * size) ** 2;
  for (let row = 0; row < size; row++) {
    const fy = row <= size / 2 ? row : row - size;
    for (let col = 0; col < size; col++) {
      const fx = col <= size / 2 ? col : col - size;
      const radius = Math.round(Math.hypot(fx, fy));
      if (radius === 0 || radius > bins) continue;
      const re = grid[(row * size + col) * 2];
      const im = grid[(row * size + col) * 2 + 1];
      sums[radius] += (re * re + im * im) * norm;
      counts[radius] += 1;
    }
  }
  const frequency = new Float64Array(bins);
  const power = new Float64Array(bins);
  for (let r = 1; r <= bins; r++) {
    frequency[r - 1] = r / size;
    power[r - 1] = sums[r] / counts[r];
  }
  return { frequency, power };
}

/**
 * The lowest frequency from which on the scaled noise spectrum exceeds the scaled signal spectrum
 * (noise dominates every bin above it), or null if the signal dominates everywhere.
 */
export function noiseDominatedFrom(
  signal: RadialSpectrum,
  noise: RadialSpectrum,
  alphaSq: number,
  sigmaSq: number,
): number | null {
  let from: number | null = null;
  for (let i = signal.power.length - 1; i >= 0; i--) {
    if (sigmaSq * noise.power[i] > alphaSq * signal.power[i]) from = signal.frequency[i];
    else break;
  }
  return from;
}
