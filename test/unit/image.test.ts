import { describe, expect, it } from 'vitest';
import {
  areaResize,
  averagePool,
  averagePoolArray,
  averagePoolBatch,
  centreSquare,
  createImage,
  hasTransparency,
  noisyRgbaMap,
  rgbaToImage,
  writeNoisyRgba,
  writeRgba,
} from '../../src/math/image';
import { gaussianNoise } from '../../src/math/rng';
import { noisePower } from '../../src/math/snr';

describe('image ops', () => {
  it('finds the largest centred square', () => {
    expect(centreSquare(5, 3)).toEqual({ x: 1, y: 0, size: 3 });
    expect(centreSquare(4, 7)).toEqual({ x: 0, y: 1, size: 4 }); // odd margin: the extra row below
  });

  it('average pooling is the block mean', () => {
    const image = createImage(4, 2);
    image.data.set(Array.from({ length: 24 }, (_, i) => i));
    const pooled = averagePool(image, 2);
    expect(pooled.width).toBe(2);
    // Block (0,0) covers pixels 0, 1, 4, 5; channel 0 values 0, 3, 12, 15.
    expect(pooled.data[0]).toBeCloseTo((0 + 3 + 12 + 15) / 4, 6);
    expect(() => averagePool(image, 3)).toThrow(/not divisible/);
  });

  it('area resize by an integer factor equals average pooling exactly', () => {
    const image = { width: 64, height: 64, data: gaussianNoise(64 * 64 * 3, 3) };
    const resized = areaResize(image, 8, 8);
    const pooled = averagePool(image, 8);
    for (let i = 0; i < pooled.data.length; i++) expect(resized.data[i]).toBeCloseTo(pooled.data[i], 5);
  });

  it('area resize preserves the mean for non-integer ratios', () => {
    const image = { width: 100, height: 70, data: gaussianNoise(100 * 70 * 3, 4) };
    const resized = areaResize(image, 64, 64);
    const mean = (d: Float32Array) => d.reduce((a, b) => a + b, 0) / d.length;
    // Anisotropic weights change the per-pixel mass a little, so compare means loosely.
    expect(mean(resized.data)).toBeCloseTo(mean(image.data), 2);
  });

  it('pooling i.i.d. noise by s divides its variance by s² (512², seeded)', () => {
    const size = 512;
    const factor = 8;
    const noise = gaussianNoise(size * size * 3, 1);
    const pooled = averagePoolArray(noise, size, size, factor, new Float32Array((size / factor) ** 2 * 3));
    const ratio = noisePower(pooled) / noisePower(noise);
    // 12,288 pooled values: the ratio's relative standard error is sqrt(2/12288) ≈ 1.3 %.
    expect(Math.abs(ratio * factor * factor - 1)).toBeLessThan(0.05);
  });

  it('pools each image of a batch on its own: block means, never mixing two images', () => {
    // two 4x4 images: the first a 2x2 checkerboard of +-1 blocks per channel, the second constant 0.5
    const size = 4;
    const images = new Float32Array(2 * size * size * 3);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        for (let c = 0; c < 3; c++) images[(y * size + x) * 3 + c] = (y >> 1) === (x >> 1) ? 1 : -1;
      }
    }
    images.fill(0.5, size * size * 3);
    expect(Array.from(averagePoolBatch(images, 2, size, 2))).toEqual([
      ...[1, 1, 1, -1, -1, -1, -1, -1, -1, 1, 1, 1],
      ...new Array(12).fill(0.5),
    ]);
    expect(Array.from(averagePoolBatch(images, 2, size, 4))).toEqual([0, 0, 0, 0.5, 0.5, 0.5]);
    expect(() => averagePoolBatch(images, 2, size, 3)).toThrow(/4 px is not divisible by 3/);
  });

  it('composites transparency on white and round-trips 8-bit values', () => {
    const rgba = new Uint8ClampedArray([0, 0, 0, 0, 255, 0, 0, 255, 0, 0, 0, 128]);
    expect(hasTransparency(rgba)).toBe(true);
    const image = rgbaToImage(rgba, 3, 1);
    expect(Array.from(image.data.subarray(0, 6))).toEqual([1, 1, 1, 1, -1, -1]);
    expect(image.data[6]).toBeCloseTo((2 * (127 / 255) * 255) / 255 - 1, 2);
    const back = new Uint8ClampedArray(12);
    writeRgba(image.data, back);
    expect(Array.from(back.subarray(0, 8))).toEqual([255, 255, 255, 255, 255, 0, 0, 255]);
    expect(hasTransparency(back)).toBe(false);
  });

  it('writes α·x_0 + σ·ε as (· + 1)·127.5, clamped, through the map the WebGL mix shares', () => {
    const signal = new Float32Array([-1, 0, 1, 0.5, -0.5, 0]);
    const noise = new Float32Array([0, 0, 0, 1, -1, 10]);
    const [alpha, sigma] = [0.7, 0.6]; // no value lands on a .5 tie
    const rgba = new Uint8ClampedArray(8);
    writeNoisyRgba(signal, noise, alpha, sigma, rgba);
    const expected = Array.from(signal, (x, i) =>
      Math.min(255, Math.max(0, Math.round((alpha * x + sigma * noise[i] + 1) * 127.5))),
    );
    expect(Array.from(rgba)).toEqual([...expected.slice(0, 3), 255, ...expected.slice(3), 255]);
    const map = noisyRgbaMap(alpha, sigma);
    expect(map.signal * 1 + map.noise * 0 + map.offset).toBeCloseTo((alpha + 1) * 127.5, 10);
  });
});
