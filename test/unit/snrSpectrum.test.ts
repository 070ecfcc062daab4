import { describe, expect, it } from 'vitest';
import { averagePool, type RgbImage } from '../../src/math/image';
import { gaussianNoise } from '../../src/math/rng';
import { noisePower, poolingGain, signalPower } from '../../src/math/snr';
import { greyZeroMean, noiseDominatedFrom, radialPowerSpectrum } from '../../src/math/spectrum';

function smoothImage(size: number) {
  const data = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      for (let c = 0; c < 3; c++)
        data[(y * size + x) * 3 + c] = 0.8 * Math.sin((2 * Math.PI * x) / size) * Math.cos((2 * Math.PI * y) / size);
  return { width: size, height: size, data };
}

describe('SNR measurement', () => {
  it('signal power is the variance (a constant image has none)', () => {
    expect(signalPower(new Float32Array(30).fill(0.7))).toBeCloseTo(0, 12);
    expect(signalPower(new Float32Array([1, 1, 1, -1, -1, -1]))).toBeCloseTo(1, 12);
  });

  it('a smooth image gains ≈ s² from pooling; a white-noise image gains ≈ 1', () => {
    const size = 256;
    const factor = 8;
    const noise = { width: size, height: size, data: gaussianNoise(size * size * 3, 11) };
    const noisePooled = averagePool(noise, factor);
    const smooth = smoothImage(size);
    const white = { width: size, height: size, data: gaussianNoise(size * size * 3, 12) };
    const gainOf = (image: RgbImage) =>
      poolingGain(
        factor,
        signalPower(image.data),
        signalPower(averagePool(image, factor).data),
        noisePower(noise.data),
        noisePower(noisePooled.data),
      );
    const smoothGain = gainOf(smooth);
    expect(smoothGain.theoretical).toBe(64);
    expect(smoothGain.signalPowerRatio).toBeGreaterThan(0.98);
    expect(smoothGain.measured / 64).toBeGreaterThan(0.9);
    expect(smoothGain.measured / 64).toBeLessThan(1.1);
    expect(gainOf(white).measured).toBeLessThan(1.2);
  });
});

describe('radial power spectrum', () => {
  it('Parseval: the spectrum of white noise is flat at variance / N', () => {
    const size = 128;
    const values = Float64Array.from(gaussianNoise(size * size, 5));
    const spectrum = radialPowerSpectrum(values, size);
    expect(spectrum.frequency[spectrum.frequency.length - 1]).toBeCloseTo(0.5, 12);
    const expected = 1 / (size * size);
    const high = spectrum.power.slice(10);
    const mean = high.reduce((a, b) => a + b, 0) / high.length;
    expect(mean / expected).toBeCloseTo(1, 1);
  });

  it('a single sinusoid puts its power in its own frequency bin', () => {
    const size = 64;
    const values = new Float64Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) values[y * size + x] = Math.cos((2 * Math.PI * 5 * x) / size);
    const spectrum = radialPowerSpectrum(values, size);
    const peak = spectrum.power.indexOf(Math.max(...spectrum.power));
    expect(spectrum.frequency[peak]).toBeCloseTo(5 / size, 12);
    // Every other ring holds only float round-off.
    const others = Array.from(spectrum.power).filter((_, i) => i !== peak);
    expect(Math.max(...others)).toBeLessThan(1e-20 + spectrum.power[peak] * 1e-12);
  });

  it('finds where noise starts to dominate a falling spectrum', () => {
    const frequency = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]);
    const signal = { frequency, power: Float64Array.from([1, 0.1, 0.005, 0.001, 0.0001]) };
    const noise = { frequency, power: Float64Array.from([0.01, 0.01, 0.01, 0.01, 0.01]) };
    expect(noiseDominatedFrom(signal, noise, 0.5, 0.5)).toBeCloseTo(0.3, 12);
    expect(noiseDominatedFrom(signal, noise, 1, 0)).toBeNull();
  });

  it('greyZeroMean removes the mean and rejects non-power-of-two sizes', () => {
    const grey = greyZeroMean(new Float32Array([1, 1, 1, 0, 0, 0]));
    expect(Array.from(grey)).toEqual([0.5, -0.5]);
    expect(() => radialPowerSpectrum(new Float64Array(9), 3)).toThrow(/power of two/);
  });
});
