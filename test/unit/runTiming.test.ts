import { describe, expect, it } from 'vitest';
import { etaMs, formatDuration, median, MEDIAN_WINDOW, runningMedianMs } from '../../src/ui/sampler/runTiming';
import { filmstripSteps } from '../../src/ui/sampler/filmstripSteps';

describe('running median of step times', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it('does not follow single spikes: 333 ↔ 2045 alternating with mostly fast steps stays fast', () => {
    const steps = [333, 2045, 340, 330, 2045, 335, 338, 2045, 331, 336];
    expect(runningMedianMs(steps)).toBeLessThan(400);
  });
  it('looks only at the last window of steps, so a real change of speed shows within a few steps', () => {
    const slow = Array(20).fill(2000);
    const fast = Array(Math.ceil(MEDIAN_WINDOW / 2)).fill(300);
    expect(runningMedianMs([...slow, ...fast])).toBe(300);
    expect(runningMedianMs([...slow, ...fast.slice(1)])).toBe(2000);
  });
  it('is NaN before the first step', () => {
    expect(runningMedianMs([])).toBeNaN();
  });
});

describe('ETA', () => {
  it('is the remaining steps at the median pace', () => {
    expect(etaMs(4, 10, 500, 0)).toBe(3000);
  });
  it('counts down between steps and never goes below 0', () => {
    expect(etaMs(4, 10, 500, 200)).toBe(2800);
    expect(etaMs(9, 10, 500, 900)).toBe(0);
  });
  it('is 0 when done and unknown before the first step', () => {
    expect(etaMs(10, 10, 500, 0)).toBe(0);
    expect(etaMs(0, 10, Number.NaN, 0)).toBeNaN();
  });
  it('formats seconds and minutes', () => {
    expect(formatDuration(420)).toBe('0.4 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(Number.NaN)).toBe('–');
  });
});

describe('filmstrip steps', () => {
  const linear = (steps: number) => Float64Array.from({ length: steps + 1 }, (_, i) => -15 + (30 * i) / steps);
  it('on an even λ grid, spreads frames evenly over steps 1 … N − 1 (the last step is the result)', () => {
    expect(filmstripSteps(linear(25))).toEqual([1, 7, 13, 18, 24]);
    expect(filmstripSteps(linear(4))).toEqual([1, 2, 3]);
    expect(filmstripSteps(linear(2))).toEqual([1]);
  });
  it('spaces frames evenly in λ, so a grid crowded at high λ still shows the early guesses', () => {
    // λ rises fast at first, then crawls: most steps sit at high λ.
    const crowded = Float64Array.from({ length: 26 }, (_, i) => 15 - 30 * (1 - i / 25) ** 4);
    const chosen = filmstripSteps(crowded);
    expect(chosen).toHaveLength(5);
    expect(chosen[1]).toBeLessThan(5);
    expect(chosen[2]).toBeLessThan(8);
  });
  it('keeps one frame for a single step and none for no steps', () => {
    expect(filmstripSteps(linear(1))).toEqual([1]);
    expect(filmstripSteps([0])).toEqual([]);
  });
  it('never repeats a step and never takes the last one', () => {
    for (let steps = 1; steps < 60; steps++) {
      const chosen = filmstripSteps(linear(steps));
      expect(new Set(chosen).size).toBe(chosen.length);
      expect(chosen.every((step) => step >= 1 && step <= Math.max(1, steps - 1))).toBe(true);
    }
  });
});
