// The explorer's WebAssembly SIMD mix (src/ui/explorer/wasmMix.ts, mixKernel.wat) against the
// JavaScript mix writeNoisyRgba: the same bytes but for f32-vs-f64 rounding (≤ 1, rarely), ties
// rounded to even, saturation both ways, any pixel count, alpha 255.
import { describe, expect, it } from 'vitest';
import { writeNoisyRgba } from '../../src/math/image';
import { createRng, gaussianNoise } from '../../src/math/rng';
import { WasmMix } from '../../src/ui/explorer/wasmMix';

/** Both mixes of one [pixels, 3] input: [pixels, 4] RGBA each. */
function bothMixes(signal: Float32Array, noise: Float32Array, alpha: number, sigma: number) {
  const pixels = signal.length / 3;
  const js = new Uint8ClampedArray(pixels * 4);
  writeNoisyRgba(signal, noise, alpha, sigma, js);
  const mixer = WasmMix.create([{ pixels, signal, noise }]);
  if (!mixer) throw new Error('WebAssembly SIMD is unavailable in this Node');
  mixer.mix(0, alpha, sigma);
  return { js, wasm: mixer.rgba(0) };
}

/** Largest |difference| and the share of bytes exactly equal; alpha bytes must all be 255. */
function compare(js: Uint8ClampedArray, wasm: Uint8ClampedArray) {
  expect(wasm.length).toBe(js.length);
  let max = 0;
  let equal = 0;
  for (let i = 0; i < js.length; i++) {
    if (i % 4 === 3) expect(wasm[i], `alpha of pixel ${i >> 2}`).toBe(255);
    const difference = Math.abs(js[i] - wasm[i]);
    max = Math.max(max, difference);
    if (difference === 0) equal++;
  }
  return { max, equalShare: equal / js.length };
}

/** [pixels, 3] uniform in [lo, hi). */
function uniform(pixels: number, lo: number, hi: number, seed: number): Float32Array {
  const rng = createRng(seed, 9);
  return Float32Array.from({ length: pixels * 3 }, () => lo + (hi - lo) * rng.nextUniform());
}

describe('WebAssembly SIMD mix', () => {
  it.each([
    { alpha: 0.8, sigma: 0.6, label: 'mid t' },
    { alpha: 0, sigma: 1, label: 'α = 0, σ = 1 (pure noise)' },
    { alpha: 1, sigma: 0, label: 'α = 1, σ = 0 (clean)' },
    { alpha: 0.05, sigma: 0.9987, label: 'late t' },
    { alpha: 1.7, sigma: 3.2, label: 'pooled, re-normalised scales' },
  ])('equals writeNoisyRgba within 1 on random inputs: $label', ({ alpha, sigma }) => {
    const pixels = 64 * 64 + 3; // not a multiple of 4: the padded last group
    const { js, wasm } = bothMixes(uniform(pixels, -1, 1, 1), gaussianNoise(pixels * 3, 2), alpha, sigma);
    const { max, equalShare } = compare(js, wasm);
    expect(max).toBeLessThanOrEqual(1);
    expect(equalShare).toBeGreaterThanOrEqual(0.999);
  });

  it('saturates far outside [−1, 1] both ways, as Uint8ClampedArray does', () => {
    const pixels = 4099;
    const signal = uniform(pixels, -40, 40, 3);
    const noise = gaussianNoise(pixels * 3, 4).map((e) => e * 30);
    // Past i32 and f32 range, infinities and NaN (→ 0 in both).
    signal.set([3e9, -3e9, 1e30, -1e30, Infinity, -Infinity, NaN, 2.5e9, -2.5e9], 0);
    const { js, wasm } = bothMixes(signal, noise, 0.9, 0.4);
    let [low, high] = [0, 0];
    for (let i = 0; i < js.length; i++) {
      if (i % 4 === 3) continue;
      if (js[i] === 0) low++;
      if (js[i] === 255) high++;
    }
    expect(Math.min(low, high), 'both ends saturate often').toBeGreaterThan(pixels);
    const { max, equalShare } = compare(js, wasm);
    expect(max).toBeLessThanOrEqual(1);
    expect(equalShare).toBeGreaterThanOrEqual(0.999);
    expect(Array.from(wasm.subarray(0, 12))).toEqual(Array.from(js.subarray(0, 12)));
  });

  it('rounds exact .5 values half to even, exactly as writeNoisyRgba', () => {
    // σ = 2/255 makes the noise scale σ·127.5 exactly 1 (in f64 and in f32), and α = 0 drops the
    // signal, so v = ε + 127.5: every integer ε from −130 to 130 is a tie, below 0 and past 255 too.
    const noise = Float32Array.from({ length: 261 * 3 }, (_, i) => Math.floor(i / 3) - 130);
    const signal = new Float32Array(noise.length).fill(0.3);
    const { js, wasm } = bothMixes(signal, noise, 0, 2 / 255);
    expect(Array.from(wasm)).toEqual(Array.from(js));
    // ε = 0 → 127.5 → 128; ε = 1 → 128.5 → 128; ε = −128 → −0.5 → 0; ε = 127 → 254.5 → 254.
    const at = (e: number) => wasm[(e + 130) * 4];
    expect([at(0), at(1), at(2), at(-128), at(127), at(128)]).toEqual([128, 128, 130, 0, 254, 255]);
  });

  it.each([1, 2, 3, 5, 7, 1001])('mixes every pixel of an image of %i pixels (the padded group)', (pixels) => {
    const { js, wasm } = bothMixes(uniform(pixels, -1, 1, 5), gaussianNoise(pixels * 3, 6), 0.6, 0.8);
    expect(compare(js, wasm).max).toBeLessThanOrEqual(1);
  });

  it('keeps separate outputs per panel, shares a buffer used twice, and load() takes new noise', () => {
    const [hi, lo] = [32 * 32, 4 * 4];
    const signalHi = uniform(hi, -1, 1, 7);
    const signalLo = uniform(lo, -1, 1, 8);
    const noiseHi = gaussianNoise(hi * 3, 9);
    const noiseLo = gaussianNoise(lo * 3, 10);
    const noisePooled = gaussianNoise(lo * 3, 11);
    const sources = [
      { pixels: hi, signal: signalHi, noise: noiseHi },
      { pixels: lo, signal: signalLo, noise: noiseLo },
      { pixels: lo, signal: signalLo, noise: noisePooled },
    ];
    const mixer = WasmMix.create(sources)!;
    const check = () => {
      const levels = [
        [0.7, 0.7],
        [0.3, 0.95],
        [1.2, 0.4],
      ];
      levels.forEach(([alpha, sigma], i) => mixer.mix(i, alpha, sigma));
      levels.forEach(([alpha, sigma], i) => {
        const js = new Uint8ClampedArray(sources[i].pixels * 4);
        writeNoisyRgba(sources[i].signal, sources[i].noise, alpha, sigma, js);
        expect(compare(js, mixer.rgba(i)).max, `panel ${i}`).toBeLessThanOrEqual(1);
      });
    };
    check();
    // A reseed: the same buffers, new values; the mixer sees them only through load.
    noiseHi.set(gaussianNoise(hi * 3, 12));
    noisePooled.set(gaussianNoise(lo * 3, 13));
    mixer.load(sources);
    check();
  });

  it('adopt hands over the memory copy: written in place, seen by mix without load', () => {
    const pixels = 16 * 16 + 1;
    const signal = uniform(pixels, -1, 1, 14);
    const noise = gaussianNoise(pixels * 3, 15);
    const mixer = WasmMix.create([{ pixels, signal, noise }])!;
    const signalView = mixer.adopt(signal);
    const noiseView = mixer.adopt(noise);
    expect(Array.from(noiseView)).toEqual(Array.from(noise));
    expect(noiseView.length).toBe(noise.length);
    const mixOf = (alpha: number, sigma: number) => {
      const js = new Uint8ClampedArray(pixels * 4);
      writeNoisyRgba(signalView, noiseView, alpha, sigma, js);
      mixer.mix(0, alpha, sigma);
      return compare(js, mixer.rgba(0)).max;
    };
    expect(mixOf(0.5, 0.8)).toBeLessThanOrEqual(1);
    // A reseed draws into the view; mix reads it at once, and load with the views changes nothing.
    noiseView.set(gaussianNoise(pixels * 3, 16));
    noise.fill(99); // the old buffer is no longer the mixer's
    expect(mixOf(0.5, 0.8)).toBeLessThanOrEqual(1);
    mixer.load([{ signal: signalView, noise: noiseView }]);
    expect(mixOf(0.2, 0.9)).toBeLessThanOrEqual(1);
    expect(() => mixer.load([{ signal, noise }])).toThrow('not made for');
    expect(() => mixer.adopt(noise)).toThrow('not made for');
  });
});
