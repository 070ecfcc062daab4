/**
 * Which steps of a run the filmstrip keeps x̂_0 from. Pure, so it is unit-tested.
 *
 * The frames are spread evenly over steps 1 … N − 1: the last step's x̂_0 is (nearly) the result
 * itself, which is shown beside the filmstrip already, so the strip shows how the guess got there.
 */

/** Frames in a filmstrip at most: enough to see the guess sharpen, few enough to stay large. */
export const FILMSTRIP_FRAMES = 5;

/** Increasing, distinct 1-based step numbers (the progress event's `step`) to keep x̂_0 from. */
export function filmstripSteps(steps: number, frames = FILMSTRIP_FRAMES): number[] {
  if (steps <= 1) return steps === 1 ? [1] : [];
  const last = steps - 1;
  const count = Math.min(frames, last);
  if (count === 1) return [1];
  const chosen = new Set<number>();
  for (let i = 0; i < count; i++) chosen.add(Math.round(1 + (i * (last - 1)) / (count - 1)));
  return [...chosen].sort((left, right) => left - right);
}
