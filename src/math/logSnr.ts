/**
 * logSNR (λ) and the quantities derived from it, in numerically stable forms.
 *
 * Variance-preserving process x_t = α·x_0 + σ·ε with α² + σ² = 1 and λ = log(α²/σ²), so
 * α² = sigmoid(λ) and σ² = sigmoid(−λ) (Kingma et al. 2021, "Variational Diffusion Models").
 * Everything is computed from λ, never from products of raw α and σ tables, so λ = ±30 stays
 * finite and exact to float64 precision.
 */

/**
 * A logSNR value in nats (natural log of α²/σ²). Branded, like Time, so that a t passed where a λ
 * belongs (or a λ where a t belongs) fails to compile: every function of src/math that takes or
 * returns a point on the λ or t axis says which. A plain number becomes one with asLogSnr or
 * asTime once, where it enters the maths (a slider's t, a manifest's λ range, a chart's t axis).
 *
 * Arithmetic drops the brand (λ + 1 is a number), so a sum that is again a λ is branded where it
 * is formed. A λ offset (a shift, a difference of two λs) is not a λ and stays a plain number in
 * nats: resolutionShift returns one, and passing it where a λ belongs fails to compile too.
 */
export type LogSnr = number & { readonly __brand: 'LogSnr' };
/** Diffusion time in [0, 1]: 0 is clean, 1 is pure noise. */
export type Time = number & { readonly __brand: 'Time' };

export const asLogSnr = (value: number): LogSnr => value as LogSnr;
export const asTime = (value: number): Time => value as Time;

/**
 * Grids: a Float64Array (so it transfers to the worker as it is) whose elements read back as LogSnr
 * or Time. Indexing keeps the brand and a t grid is no λ grid; iterating (for…of, Array.from)
 * reads plain numbers, as the typed array's own iterator is typed, so a loop brands what it hands
 * on. Array methods (slice, map) return a plain Float64Array.
 */
export type LogSnrGrid = Float64Array & { readonly [index: number]: LogSnr };
export type TimeGrid = Float64Array & { readonly [index: number]: Time };

export const asLogSnrGrid = (values: Float64Array): LogSnrGrid => values as LogSnrGrid;
export const asTimeGrid = (values: Float64Array): TimeGrid => values as TimeGrid;

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
export const alphaSquared = (logSnr: LogSnr): number => sigmoid(logSnr);
/** σ² = sigmoid(−λ). */
export const sigmaSquared = (logSnr: LogSnr): number => sigmoid(-logSnr);
/** α = sqrt(sigmoid(λ)), computed as exp(½·log sigmoid(λ)) so tiny values do not underflow early. */
export const alphaFromLogSnr = (logSnr: LogSnr): number => Math.exp(0.5 * logSigmoid(logSnr));
/** σ = sqrt(sigmoid(−λ)). */
export const sigmaFromLogSnr = (logSnr: LogSnr): number => Math.exp(0.5 * logSigmoid(-logSnr));

/** SNR in decibels: 10·log10(α²/σ²) = 10·λ / ln 10. A change of unit, so a λ offset converts too: a number. */
export const logSnrToDb = (logSnr: number): number => (10 * logSnr) / Math.LN10;

/**
 * The logSNR shift that makes a d-pixel image, average-pooled to b pixels, carry the SNR of a
 * b-pixel image: 2·ln(b/d) (Hoogeboom et al. 2023, "simple diffusion", eq. 4). Negative when d > b.
 * An offset in nats, not a λ (see LogSnr): add it to a λ and brand the sum.
 */
export const resolutionShift = (base: number, target: number): number => 2 * Math.log(base / target);
