/**
 * The resolution ladder's pixels (issue 27 §3): one image at L, 2L, 4L … (up to LADDER_TOP px),
 * each noised with its own seeded noise and average-pooled to L. Pooling is linear, so only
 * pool(x_0) and pool(ε) are kept per rung (L×L each); a t change only mixes them, exactly as the
 * explorer's pooled panel does (pooledMix: re-normalised to unit variance).
 */
import { averagePool, averagePoolArray, type RgbImage } from '../../math/image';
import { createRng, fillGaussian } from '../../math/rng';

/** The largest rung: the seed's argument at 1024 px is as far as a class needs to see it go. */
export const LADDER_TOP = 1024;
/** At most this many rungs (L, 2L, 4L, 8L, 16L). */
const MAX_RUNGS = 5;
/** Noise streams of the ladder, apart from the explorer's 0 (H) and 1 (L): one per rung. */
const STREAM_BASE = 16;

/** The rungs for base resolution L: L·2^k up to LADDER_TOP, at most MAX_RUNGS of them. */
export function ladderRungs(lo: number): number[] {
  const rungs: number[] = [];
  for (let d = lo; d <= LADDER_TOP && rungs.length < MAX_RUNGS; d *= 2) rungs.push(d);
  return rungs;
}

/** One rung, pooled to L: [L, L, 3] clean pool(x_0) and pool(ε_d) (per-pixel variance (L/d)²). */
export interface LadderRung {
  size: number;
  signal: Float32Array;
  noise: Float32Array;
}

/**
 * Builds every rung from `imageAt(d)` (the clean image rasterised at d px, values in [−1, 1]) and
 * the seed. Each rung's noise is drawn at d px and pooled at once, so no d×d buffer outlives it.
 */
export function buildLadder(imageAt: (size: number) => RgbImage, lo: number, seed: number): LadderRung[] {
  return ladderRungs(lo).map((size) => {
    const factor = size / lo;
    const clean = imageAt(size);
    const noise = fillGaussian(createRng(seed, STREAM_BASE + Math.log2(factor)), new Float32Array(size * size * 3));
    return {
      size,
      signal: averagePool(clean, factor).data,
      noise: averagePoolArray(noise, size, size, factor, new Float32Array(lo * lo * 3)),
    };
  });
}
