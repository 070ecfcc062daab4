/**
 * The variance-preserving forward process at one λ: x_t = α·x_0 + σ·ε (Kingma et al. 2021;
 * docs/ARCHITECTURE.md, "Formulas"), with α, σ from λ in their stable forms (logSnr.ts).
 */
import { alphaFromLogSnr, sigmaFromLogSnr, type LogSnr } from './logSnr';

/** x_t for a clean buffer x0 and noise ε of the same length (any layout). Returns a new buffer. */
export function noiseToLogSnr(x0: Float32Array, noise: ArrayLike<number>, logSnr: LogSnr): Float32Array {
  const alpha = alphaFromLogSnr(logSnr);
  const sigma = sigmaFromLogSnr(logSnr);
  return x0.map((value, i) => alpha * value + sigma * noise[i]);
}
