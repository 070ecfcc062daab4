import { describe, expect, it } from 'vitest';
import { asLogSnr } from '../../src/math/logSnr';
import { buildSchedule } from '../../src/math/scheduleSpec';
import { tableCsv, tableJson } from '../../src/ui/lab/exportFiles';
import { chartValue, curveRows, histogramRows, labSeries, stepTable } from '../../src/ui/lab/labModel';
import { labSpec } from '../../src/ui/specs';
import { DEFAULT_STATE } from '../../src/ui/urlState';

describe('schedule lab model', () => {
  it('on the effective chart the shifted curve lands on the original', () => {
    const state = { ...DEFAULT_STATE, base: 64, target: 1024 };
    const rows = curveRows(labSeries(state), 'effective', 51);
    for (const row of rows.slice(1, -1)) expect(row.shifted).toBeCloseTo(row.original, 10);
    const plain = curveRows(labSeries(state), 'logsnr', 51);
    expect(plain[25].shifted - plain[25].original).toBeCloseTo(2 * Math.log(64 / 1024), 10);
  });

  it('the equivalence pairs coincide (SD3 time shift, input scaling)', () => {
    const state = { ...DEFAULT_STATE, equiv: 'on' as const, sd3k: 3, scale: 0.5 };
    const rows = curveRows(labSeries(state), 'logsnr', 101);
    for (const row of rows.slice(1, -1)) {
      expect(row['equiv-sd3-time']).toBeCloseTo(row['equiv-sd3-logsnr'], 9);
      expect(row['equiv-scale-input']).toBeCloseTo(row['equiv-scale-logsnr'], 9);
    }
  });

  it('chart values are α, σ and dB of λ', () => {
    expect(chartValue('alpha', asLogSnr(0), 0)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(chartValue('snr-db', asLogSnr(Math.LN10), 0)).toBeCloseTo(10, 12);
    expect(chartValue('effective', asLogSnr(1), 2)).toBe(3);
  });

  it('the histogram of each schedule sums to 1', () => {
    const rows = histogramRows(DEFAULT_STATE);
    expect(rows.reduce((sum, row) => sum + row.original, 0)).toBeCloseTo(1, 9);
    expect(rows.reduce((sum, row) => sum + row.shifted, 0)).toBeCloseTo(1, 9);
  });

  it('CSV and JSON exports hold the table exactly', () => {
    const spec = labSpec(DEFAULT_STATE);
    const rows = stepTable(buildSchedule(spec), 7, 'trailing');
    const fromCsv = tableCsv(rows)
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map(Number));
    fromCsv.forEach(([step, t, logSnr, alpha, sigma], i) => expect({ step, t, logSnr, alpha, sigma }).toEqual(rows[i]));
    expect(JSON.parse(tableJson(spec, 'trailing', rows)).rows).toEqual(rows);
  });

  it('the JSON carries only what the schedule has: the interpolation block for the interpolated cosine alone', () => {
    const plain = labSpec(DEFAULT_STATE);
    expect(plain.family).not.toBe('cosine-interpolated');
    expect(JSON.parse(tableJson(plain, 'trailing', [])).schedule).not.toHaveProperty('interpolation');
    const interpolated = { ...plain, family: 'cosine-interpolated' as const };
    expect(JSON.parse(tableJson(interpolated, 'trailing', [])).schedule.interpolation).toEqual(plain.interpolation);
  });
});
