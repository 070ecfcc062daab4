import { describe, expect, it } from 'vitest';
import { colorDistance, PALETTE } from '../../src/ui/charts/palette';
import { coincidentGroups, listNames } from '../../src/ui/lab/coincidence';
import { curveRows, labSeries } from '../../src/ui/lab/labModel';
import { DEFAULT_STATE } from '../../src/ui/urlState';
import { SCHEDULE_IDS } from '../../src/math/scheduleCatalog';

describe('chart palette', () => {
  it('every pair of colours differs by at least 22 ΔE76', () => {
    const colors = Object.values(PALETTE);
    for (let i = 0; i < colors.length; i++) {
      for (let j = i + 1; j < colors.length; j++) {
        expect(colorDistance(colors[i], colors[j]), `${colors[i]} vs ${colors[j]}`).toBeGreaterThanOrEqual(22);
      }
    }
  });

  it('ΔE76 of black and white is 100', () => {
    expect(colorDistance('#000000', '#ffffff')).toBeCloseTo(100, 1);
  });

  it('with every overlay and the equivalences on, the twelve curves have twelve colours', () => {
    const overlay = SCHEDULE_IDS.filter((id) => id !== DEFAULT_STATE.schedule);
    const series = labSeries({ ...DEFAULT_STATE, overlay, equiv: 'on', target: 512 });
    expect(series).toHaveLength(12);
    expect(new Set(series.map((s) => s.color)).size).toBe(12);
  });
});

describe('coincident curves', () => {
  it('finds the equivalence pairs, and nothing else when k differs from the SD3 overlay', () => {
    const state = { ...DEFAULT_STATE, equiv: 'on' as const, sd3k: 2, scale: 0.5, overlay: ['linear' as const] };
    const series = labSeries(state);
    const groups = coincidentGroups(series, curveRows(series, 'logsnr'));
    expect(groups.map((group) => group.map((s) => s.key))).toEqual([
      ['equiv-sd3-time', 'equiv-sd3-logsnr'],
      ['equiv-scale-input', 'equiv-scale-logsnr'],
    ]);
  });

  it('on the effective-λ chart the shifted schedule lands on the original; on λ it does not', () => {
    const series = labSeries({ ...DEFAULT_STATE, target: 1024 });
    expect(coincidentGroups(series, curveRows(series, 'effective')).map((g) => g.length)).toEqual([2]);
    expect(coincidentGroups(series, curveRows(series, 'logsnr'))).toEqual([]);
  });

  it('lists names in prose', () => {
    expect(listNames(['a'])).toBe('a');
    expect(listNames(['a', 'b'])).toBe('a and b');
    expect(listNames(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
