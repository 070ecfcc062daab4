/**
 * What the schedule lab draws, computed from the lab's slice of the state: the selected schedule,
 * its shifted version, overlays, equivalence pairs, step markers, histogram and export table. Pure
 * (no React).
 */
import { alphaFromLogSnr, asLogSnr, asTime, logSnrToDb, sigmaFromLogSnr, type LogSnr } from '../../math/logSnr';
import { SCHEDULES, type ScheduleId } from '../../math/scheduleCatalog';
import { tr } from '../i18n/i18n';
import { scheduleLabel } from '../i18n/labels';
import {
  cosineSchedule,
  rectifiedFlowSchedule,
  sd3ShiftTime,
  shiftedSchedule,
  type Schedule,
} from '../../math/schedules';
import { buildSchedule } from '../../math/scheduleSpec';
import { logSnrHistogram, stepTimes, type Spacing } from '../../math/spacing';
import { EQUIVALENCE_COLORS, ORIGINAL_COLOR, OVERLAY_COLORS, SHIFTED_COLOR } from '../charts/palette';
import { labShift, labSpec } from '../specs';
import type { LabChart, LabState } from '../urlState';

/** Where a curve sits in the grouped legend. */
export type SeriesGroup = 'original' | 'shifted' | 'overlay' | 'equivalence';

/** The legend's group headings. */
export const seriesGroupLabel = (group: SeriesGroup): string => tr(`lab.groups.${group}`);

export interface Series {
  key: string;
  label: string;
  logSnr: Schedule['logSnr'];
  /** Added to λ for the "effective SNR at the base resolution" chart. */
  effectiveOffset: number;
  dashed?: boolean;
  /** Drawn wide and light, so that a dashed partner on top of it stays visible. */
  wide?: boolean;
  color: string;
  group: SeriesGroup;
}

export function labSeries(state: LabState): Series[] {
  const shift = labShift(state);
  const original = buildSchedule(labSpec(state, 0));
  const shifted = buildSchedule(labSpec(state, shift));
  const name = scheduleLabel(state.schedule);
  const series: Series[] = [
    {
      key: 'original',
      label: `${name}`,
      logSnr: original.logSnr,
      effectiveOffset: 0,
      color: ORIGINAL_COLOR,
      group: 'original',
    },
  ];
  if (shift !== 0) {
    series.push({
      key: 'shifted',
      label: tr('lab.shiftedBy', { shift: shift.toFixed(3) }),
      logSnr: shifted.logSnr,
      effectiveOffset: -shift,
      color: SHIFTED_COLOR,
      group: 'shifted',
    });
  }
  state.overlay
    .filter((id) => id !== state.schedule)
    .forEach((id: ScheduleId, i) => {
      const schedule = SCHEDULES[id].create();
      series.push({
        key: `overlay-${id}`,
        label: scheduleLabel(id),
        logSnr: schedule.logSnr,
        effectiveOffset: 0,
        color: OVERLAY_COLORS[i % OVERLAY_COLORS.length],
        group: 'overlay',
      });
    });
  if (state.equiv === 'on') series.push(...equivalenceSeries(state.sd3k, state.scale));
  return series;
}

/**
 * Two identities drawn as pairs that must coincide, each side computed its own way:
 * SD3's time shift t' = k·t/(1 + (k − 1)·t) on rectified flow ⇔ λ − 2·ln k; and scaling the input
 * by b (x_t = α·b·x_0 + σ·ε, Chen 2023) ⇔ λ + 2·ln b.
 */
function equivalenceSeries(k: number, scale: number): Series[] {
  const flow = rectifiedFlowSchedule(1);
  const flowShifted = rectifiedFlowSchedule(k);
  const cosine = cosineSchedule();
  const cosineShifted = shiftedSchedule(cosine, 2 * Math.log(scale));
  return [
    {
      key: 'equiv-sd3-time',
      label: tr('lab.equivSd3Time', { k }),
      logSnr: (t) => flow.logSnr(sd3ShiftTime(t, k)),
      effectiveOffset: 0,
      color: EQUIVALENCE_COLORS.sd3Time,
      group: 'equivalence',
      wide: true,
    },
    {
      key: 'equiv-sd3-logsnr',
      label: tr('lab.equivSd3LogSnr', { k }),
      logSnr: flowShifted.logSnr,
      effectiveOffset: 0,
      dashed: true,
      color: EQUIVALENCE_COLORS.sd3LogSnr,
      group: 'equivalence',
    },
    {
      key: 'equiv-scale-input',
      label: tr('lab.equivInput', { scale }),
      logSnr: (t) => {
        const logSnr = cosine.logSnr(t);
        return asLogSnr(2 * Math.log((scale * alphaFromLogSnr(logSnr)) / sigmaFromLogSnr(logSnr)));
      },
      effectiveOffset: 0,
      color: EQUIVALENCE_COLORS.scaleInput,
      group: 'equivalence',
      wide: true,
    },
    {
      key: 'equiv-scale-logsnr',
      label: tr('lab.equivInputLogSnr', { scale }),
      logSnr: cosineShifted.logSnr,
      effectiveOffset: 0,
      dashed: true,
      color: EQUIVALENCE_COLORS.scaleLogSnr,
      group: 'equivalence',
    },
  ];
}

/** The plotted quantity for a λ. */
export function chartValue(chart: LabChart, logSnr: LogSnr, effectiveOffset: number): number {
  switch (chart) {
    case 'logsnr':
      return logSnr;
    case 'alpha':
      return alphaFromLogSnr(logSnr);
    case 'sigma':
      return sigmaFromLogSnr(logSnr);
    case 'snr-db':
      return logSnrToDb(logSnr);
    case 'effective':
      return logSnr + effectiveOffset;
  }
}

/** The chart tabs' names. */
export const chartLabel = (chart: LabChart): string => tr(`lab.charts.${chart}`);

/** The y-axis titles: short enough to fit along the axis of a phone-sized chart. */
export const axisLabel = (chart: LabChart): string => tr(`lab.axes.${chart}`);

/** Rows for the curve chart: one per t on a grid, one column per series. */
export function curveRows(series: Series[], chart: LabChart, points = 201): Record<string, number>[] {
  const rows: Record<string, number>[] = [];
  for (let i = 0; i < points; i++) {
    const t = asTime(i / (points - 1));
    const row: Record<string, number> = { t };
    for (const s of series) row[s.key] = chartValue(chart, s.logSnr(t), s.effectiveOffset);
    rows.push(row);
  }
  return rows;
}

export interface TableRow {
  step: number;
  t: number;
  logSnr: number;
  alpha: number;
  sigma: number;
}

/** The sampler's N + 1 (step, t, λ, α, σ) for the lab schedule: what the export files hold. */
export function stepTable(schedule: Schedule, steps: number, spacing: Spacing): TableRow[] {
  return Array.from(stepTimes(schedule, steps, spacing), (t, step) => {
    const logSnr = schedule.logSnr(asTime(t));
    return { step, t, logSnr, alpha: alphaFromLogSnr(logSnr), sigma: sigmaFromLogSnr(logSnr) };
  });
}

export const HISTOGRAM_EDGES = { from: -25, to: 20, binWidth: 1 };

export function histogramRows(state: LabState): { logSnr: number; original: number; shifted: number }[] {
  const original = logSnrHistogram(buildSchedule(labSpec(state, 0)), HISTOGRAM_EDGES);
  const shifted = logSnrHistogram(buildSchedule(labSpec(state)), HISTOGRAM_EDGES);
  return Array.from(original, (fraction, i) => ({
    logSnr: HISTOGRAM_EDGES.from + (i + 0.5) * HISTOGRAM_EDGES.binWidth,
    original: fraction,
    shifted: shifted[i],
  }));
}
