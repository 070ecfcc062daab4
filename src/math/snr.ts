/**
 * SNR measured from the known components of x_t = α·x_0 + σ·ε.
 *
 * Signal power is the per-channel variance of x_0 (its mean removed): a constant colour carries no
 * structure for noise to destroy, and pooling keeps it exactly, so counting it would hide the
 * effect. Noise power is the mean square of ε (zero mean by construction).
 */

/** Mean over the 3 channels of each channel's variance, for an HWC-3 buffer. */
export function signalPower(data: Float32Array): number {
  const n = data.length / 3;
  const sum = [0, 0, 0];
  const sumSq = [0, 0, 0];
  for (let i = 0; i < data.length; i += 3) {
    for (let c = 0; c < 3; c++) {
      const v = data[i + c];
      sum[c] += v;
      sumSq[c] += v * v;
    }
  }
  let total = 0;
  for (let c = 0; c < 3; c++) total += sumSq[c] / n - (sum[c] / n) ** 2;
  return Math.max(0, total / 3);
}

/** Mean square of a noise buffer. */
export function noisePower(noise: Float32Array): number {
  let sumSq = 0;
  for (let i = 0; i < noise.length; i++) sumSq += noise[i] * noise[i];
  return sumSq / noise.length;
}

/** Measured SNR (linear) of α·x_0 + σ·ε given the component powers. */
export function measuredSnr(alphaSq: number, sigmaSq: number, signal: number, noise: number): number {
  return (alphaSq * signal) / (sigmaSq * noise);
}

export interface PoolingGain {
  /** s², the gain for a signal that is constant over each s×s block. */
  theoretical: number;
  /** Noise power after pooling over before; 1/s² for i.i.d. noise. */
  noiseVarianceRatio: number;
  /** Signal power after pooling over before; 1 for an image smooth at the pooling scale. */
  signalPowerRatio: number;
  /** signalPowerRatio / noiseVarianceRatio: the SNR gain pooling gives on this image. */
  measured: number;
}

/** The SNR gain of s×s average pooling, from component powers before (hi) and after (pooled). */
export function poolingGain(
  factor: number,
  signalHi: number,
  signalPooled: number,
  noiseHi: number,
  noisePooled: number,
): PoolingGain {
  const noiseVarianceRatio = noisePooled / noiseHi;
  const signalPowerRatio = signalHi > 0 ? signalPooled / signalHi : 0;
  return {
    theoretical: factor * factor,
    noiseVarianceRatio,
    signalPowerRatio,
    measured: signalPowerRatio / noiseVarianceRatio,
  };
}
