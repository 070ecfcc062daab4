/**
 * logSNR (λ) and the quantities derived from it, in numerically stable forms.
 *
 * Variance-preserving process x_t = α·x_0 + σ·ε with α² + σ² = 1 and λ = log(α²/σ²), so
 * α² = sigmoid(λ) and σ² = sigmoid(−λ) (Kingma et al. 2021, "Variational Diffusion Models").
 * Everything is computed from λ, never from products of raw α and σ tables, so λ = ±30 stays
 * finite and exact to float64 precision.
 */

/** A logSNR value in nats (natural log of α²/σ²). Branded so it is not mixed up with t or σ. */
export type LogSnr = number & { readonly __brand: 'LogSnr' };
/** Diffusion time in [0, 1]: 0 is clean, 1 is pure noise. */
export type Time = number & { readonly __brand: 'Time' };

export const asLogSnr = (value: number): LogSnr => value as LogSnr;
export const asTime = (value: number): Time => value as Time;

/** sigmoid(x) without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(sigmoid(x)) = −softplus(−x), stable for large |x|. */
export function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/** logit(p) = log(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/** α² = sigmoid(λ). */
export const alphaSquared = (logSnr: number): number => sigmoid(logSnr);
/** σ² = sigmoid(−λ). */
export const sigmaSquared = (logSnr: number): number => sigmoid(-logSnr);
/** α = sqrt(sigmoid(λ)), computed as exp(½·log sigmoid(λ)) so tiny values do not underflow early. */
export const alphaFromLogSnr = (logSnr: number): number => Math.exp(0.5 * logSigmoid(logSnr));
/** σ = sqrt(sigmoid(−λ)). */
export const sigmaFromLogSnr = (logSnr: number): number => Math.exp(0.5 * logSigmoid(-logSnr));

/** SNR in decibels: 10·log10(α²/σ²) = 10·λ / ln 10. */
export const logSnrToDb = (logSnr: number): number => (10 * logSnr) / Math.LN10;

/**
 * The logSNR shift that makes a d-pixel image, average-pooled to b pixels, carry the SNR of a
 * b-pixel image: 2·ln(b/d) (Hoogeboom et al. 2023, "simple diffusion", eq. 4). Negative when d > b.
 */
export const resolutionShift = (base: number, target: number): number => 2 * Math.log(base / target);
