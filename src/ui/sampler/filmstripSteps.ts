/**
 * Which steps of a run the filmstrip keeps x̂_0 from. Pure, so it is unit-tested.
 *
 * Frames are spaced evenly in λ, not in step index: on the usual schedules most steps are spent
 * at high λ, where the guess hardly changes any more, so index spacing gave one blurry frame and
 * four alike. The last step is left out: its x̂_0 is (nearly) the result, shown beside the strip.
 */

/** Frames in a filmstrip at most: enough to see the guess sharpen, few enough to stay large. */
export const FILMSTRIP_FRAMES = 5;

/**
 * Increasing, distinct 1-based step numbers (the progress event's `step`) whose x̂_0 to keep.
 * `logSnrs`: the run's increasing grid (steps + 1 values); step k's x̂_0 is made at logSnrs[k − 1].
 */
export function filmstripSteps(logSnrs: ArrayLike<number>, frames = FILMSTRIP_FRAMES): number[] {
  const steps = logSnrs.length - 1;
  if (steps <= 1) return steps === 1 ? [1] : [];
  // Candidates: steps 1 … N − 1, made at λ = logSnrs[0] … logSnrs[N − 2].
  const last = steps - 1;
  const count = Math.min(frames, last);
  const low = logSnrs[0];
  const high = logSnrs[last - 1];
  const chosen = new Set<number>();
  for (let i = 0; i < count; i++) {
    const target = count === 1 ? low : low + ((high - low) * i) / (count - 1);
    chosen.add(nearestUnusedStep(logSnrs, last, target, chosen));
  }
  return [...chosen].sort((left, right) => left - right);
}

/** The step in 1 … last, not yet chosen, whose λ is nearest `target`. */
function nearestUnusedStep(logSnrs: ArrayLike<number>, last: number, target: number, chosen: Set<number>): number {
  let best = -1;
  for (let step = 1; step <= last; step++) {
    if (chosen.has(step)) continue;
    if (best < 0 || Math.abs(logSnrs[step - 1] - target) < Math.abs(logSnrs[best - 1] - target)) best = step;
  }
  return best;
}
