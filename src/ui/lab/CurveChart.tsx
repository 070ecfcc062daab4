import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
import { asTime, type TimeGrid } from '../../math/logSnr';
import {
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartLegend, type LegendGroup } from '../charts/ChartLegend';
import { MARKER_COLOR, PALETTE } from '../charts/palette';
import type { LabChart } from '../urlState';
import { coincidentGroups, listNames } from './coincidence';
import { axisLabel, chartLabel, chartValue, curveRows, seriesGroupLabel, type Series } from './labModel';

const GROUP_ORDER = ['original', 'shifted', 'overlay', 'equivalence'] as const;

/** The curves under their group headings, then the marks drawn on them. */
function legendGroups(series: Series[], steps: number, tr: typeof translate): LegendGroup[] {
  const curves = GROUP_ORDER.map((group) => ({
    title: seriesGroupLabel(group),
    items: series
      .filter((s) => s.group === group)
      .map((s) => ({ label: s.label, color: s.color, dashed: s.dashed, wide: s.wide })),
  }));
  const marks: LegendGroup = {
    title: tr('chart.marks'),
    items: [
      { label: tr('chart.samplerSteps', { steps }), color: PALETTE.black, kind: 'dot' },
      { label: tr('chart.explorerT'), color: MARKER_COLOR, kind: 'rule', dashed: true },
    ],
  };
  return [...curves, marks];
}

interface CurveChartProps {
  series: Series[];
  chart: LabChart;
  t: number;
  /** Sampler step times on the series named `markersOn`. */
  stepTimes: TimeGrid;
  markersOn: Series;
}

/** The schedule curves over t, the explorer's t, and where the sampler's steps land. */
export const CurveChart = memo(function CurveChart({ series, chart, t, stepTimes, markersOn }: CurveChartProps) {
  const { t: tr } = useTranslation();
  const rows = useMemo(() => curveRows(series, chart), [series, chart]);
  const markers = useMemo(
    () =>
      Array.from(stepTimes, (time) => ({
        t: time,
        step: chartValue(chart, markersOn.logSnr(asTime(time)), markersOn.effectiveOffset),
      })),
    [stepTimes, chart, markersOn],
  );
  const coincident = useMemo(() => coincidentGroups(series, rows), [series, rows]);
  const summary = series
    .map((s) => {
      const at = (time: number) => chartValue(chart, s.logSnr(asTime(time)), s.effectiveOffset).toPrecision(4);
      return tr('chart.summaryItem', {
        label: s.label,
        at0: at(0),
        atHalf: at(0.5),
        at1: at(1),
        atT: at(t),
        t: t.toFixed(3),
      });
    })
    .join(tr('chart.summarySeparator'));
  return (
    <figure
      className="chart"
      aria-label={tr('chart.against', { quantity: chartLabel(chart) })}
      data-testid="curve-chart"
    >
      <figcaption className="sr-only" data-testid="curve-summary">
        {tr('chart.summary', { quantity: chartLabel(chart), summary })}
      </figcaption>
      <ChartLegend groups={legendGroups(series, stepTimes.length - 1, translate)} testId="curve-legend" />
      {coincident.length > 0 && (
        <p className="chart-note" data-testid="coincidence-note">
          {tr('chart.coincident', {
            points: rows.length,
            groups: coincident.map((group) => listNames(group.map((s) => s.label))).join(tr('chart.summarySeparator')),
          })}
        </p>
      )}
      <ResponsiveContainer width="100%" height={340}>
        {/* Top margin: room for the t label above the plot, where no curve runs. */}
        <ComposedChart data={rows} margin={{ top: 24, right: 32, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="t"
            type="number"
            domain={[0, 1]}
            label={{ value: 't', position: 'insideBottom', offset: -10 }}
          />
          <YAxis
            type="number"
            domain={['auto', 'auto']}
            // Centred on the axis: recharts anchors a rotated insideLeft label at its start, which
            // pushed long labels out of the top of the SVG.
            label={{
              value: axisLabel(chart),
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            formatter={(value, name) => [Number(value).toPrecision(8), name]}
            labelFormatter={(label) => `t = ${Number(label).toPrecision(6)}`}
          />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              strokeWidth={s.wide ? 5 : 2}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <Scatter
            data={markers}
            dataKey="step"
            name={tr('chart.samplerSteps', { steps: stepTimes.length - 1 })}
            fill="#ffffff"
            stroke={PALETTE.black}
            isAnimationActive={false}
          />
          <ReferenceLine
            x={t}
            stroke={MARKER_COLOR}
            strokeDasharray="4 2"
            label={{ value: `t = ${t.toFixed(3)}`, position: 'top' }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
});
