/**
 * Seeded random numbers that are identical in every browser and in Node.
 *
 * Why hand-written rather than a package: the noise must be bit-reproducible from (seed, stream)
 * across engines so a shared link replays the same picture, and must fill millions of floats
 * per "new noise" click. xoshiro128** uses only 32-bit integer ops (Math.imul, shifts), which are
 * exact in every engine; Gaussians come from Box–Muller in float64, rounded once to float32.
 * Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
 */

/** splitmix32: expands one 32-bit seed into well-mixed state words. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A uniform generator of 32-bit unsigned integers (xoshiro128**). */
export interface Rng {
  /** Next uint32. Modifies the generator state. */
  nextUint32(): number;
  /** Next float64 uniform in (0, 1), never exactly 0 (safe for log). */
  nextUniform(): number;
}

/** Creates a generator for (seed, stream): different streams of one seed are independent. */
export function createRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((seed >>> 0) ^ Math.imul(stream + 1, 0x632be5ab));
  let s0 = mix();
  let s1 = mix();
  let s2 = mix();
  let s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    // 32 random bits, offset by half an ulp so the result lies strictly inside (0, 1).
    nextUniform: () => (nextUint32() + 0.5) / 4294967296,
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Fills `out` with standard normal samples (Box–Muller, both outputs used) and returns it.
 * Modifies `out` and the generator state.
 */
export function fillGaussian(rng: Rng, out: Float32Array): Float32Array {
  const n = out.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(rng.nextUniform()));
    const angle = 2 * Math.PI * rng.nextUniform();
    out[i] = radius * Math.cos(angle);
    out[i + 1] = radius * Math.sin(angle);
  }
  if (i < n) {
    out[i] = Math.sqrt(-2 * Math.log(rng.nextUniform())) * Math.cos(2 * Math.PI * rng.nextUniform());
  }
  return out;
}

/** A new Float32Array of `length` standard normal samples for (seed, stream). */
export function gaussianNoise(length: number, seed: number, stream = 0): Float32Array {
  return fillGaussian(createRng(seed, stream), new Float32Array(length));
}
