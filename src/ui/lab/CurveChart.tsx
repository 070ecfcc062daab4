import { memo, useMemo } from 'react';
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
import { AXIS_LABELS, CHART_LABELS, chartValue, curveRows, SERIES_GROUP_LABELS, type Series } from './labModel';

const GROUP_ORDER = ['original', 'shifted', 'overlay', 'equivalence'] as const;

/** The curves under their group headings, then the marks drawn on them. */
function legendGroups(series: Series[], steps: number): LegendGroup[] {
  const curves = GROUP_ORDER.map((group) => ({
    title: SERIES_GROUP_LABELS[group],
    items: series
      .filter((s) => s.group === group)
      .map((s) => ({ label: s.label, color: s.color, dashed: s.dashed, wide: s.wide })),
  }));
  const marks: LegendGroup = {
    title: 'Marks',
    items: [
      { label: `${steps} sampler steps`, color: PALETTE.black, kind: 'dot' },
      { label: "the explorer's t", color: MARKER_COLOR, kind: 'rule', dashed: true },
    ],
  };
  return [...curves, marks];
}

interface CurveChartProps {
  series: Series[];
  chart: LabChart;
  t: number;
  /** Sampler step times on the series named `markersOn`. */
  stepTimes: Float64Array;
  markersOn: Series;
}

/** The schedule curves over t, the explorer's t, and where the sampler's steps land. */
export const CurveChart = memo(function CurveChart({ series, chart, t, stepTimes, markersOn }: CurveChartProps) {
  const rows = useMemo(() => curveRows(series, chart), [series, chart]);
  const markers = useMemo(
    () =>
      Array.from(stepTimes, (time) => ({
        t: time,
        step: chartValue(chart, markersOn.logSnr(time), markersOn.effectiveOffset),
      })),
    [stepTimes, chart, markersOn],
  );
  const coincident = useMemo(() => coincidentGroups(series, rows), [series, rows]);
  const summary = series
    .map((s) => {
      const at = (time: number) => chartValue(chart, s.logSnr(time), s.effectiveOffset).toPrecision(4);
      return `${s.label}: ${at(0)} at t = 0, ${at(0.5)} at t = 0.5, ${at(1)} at t = 1, ${at(t)} at the current t = ${t.toFixed(3)}`;
    })
    .join('; ');
  return (
    <figure className="chart" aria-label={`${CHART_LABELS[chart]} against t`} data-testid="curve-chart">
      <figcaption className="sr-only" data-testid="curve-summary">
        {CHART_LABELS[chart]} against t. {summary}.
      </figcaption>
      <ChartLegend groups={legendGroups(series, stepTimes.length - 1)} testId="curve-legend" />
      {coincident.length > 0 && (
        <p className="chart-note" data-testid="coincidence-note">
          Drawn on top of each other (equal to 1 part in 10⁶ at all {rows.length} points plotted):{' '}
          {coincident.map((group) => listNames(group.map((s) => s.label))).join('; ')}. Each group shows as one line.
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
              value: AXIS_LABELS[chart],
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
            name={`${stepTimes.length - 1} sampler steps`}
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
