import { useMemo } from 'react';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { LabChart } from '../urlState';
import { CHART_LABELS, chartValue, curveRows, type Series } from './labModel';

interface CurveChartProps {
  series: Series[];
  chart: LabChart;
  t: number;
  /** Sampler step times on the series named `markersOn`. */
  stepTimes: Float64Array;
  markersOn: Series;
}

/** The schedule curves over t, the explorer's t, and where the sampler's steps land. */
export function CurveChart({ series, chart, t, stepTimes, markersOn }: CurveChartProps) {
  const rows = useMemo(() => curveRows(series, chart), [series, chart]);
  const markers = useMemo(
    () =>
      Array.from(stepTimes, (time) => ({
        t: time,
        step: chartValue(chart, markersOn.logSnr(time), markersOn.effectiveOffset),
      })),
    [stepTimes, chart, markersOn],
  );
  const summary = series
    .map((s) => {
      const at = (time: number) => chartValue(chart, s.logSnr(time), s.effectiveOffset).toPrecision(4);
      return `${s.label}: ${at(0)} at t = 0, ${at(0.5)} at t = 0.5, ${at(1)} at t = 1, ${at(t)} at the current t = ${t.toFixed(3)}`;
    })
    .join('; ');
  return (
    <figure className="chart" aria-label={`${CHART_LABELS[chart]} against t`}>
      <figcaption className="sr-only" data-testid="curve-summary">
        {CHART_LABELS[chart]} against t. {summary}.
      </figcaption>
      <ResponsiveContainer width="100%" height={340}>
        <ComposedChart data={rows} margin={{ top: 8, right: 24, bottom: 20, left: 8 }}>
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
            label={{ value: CHART_LABELS[chart], angle: -90, position: 'insideLeft' }}
          />
          <Tooltip
            formatter={(value, name) => [Number(value).toPrecision(8), name]}
            labelFormatter={(label) => `t = ${Number(label).toPrecision(6)}`}
          />
          <Legend verticalAlign="top" />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeDasharray={s.dashed ? '6 4' : undefined}
              strokeWidth={s.dashed ? 2.5 : 1.75}
              dot={false}
              isAnimationActive={false}
            />
          ))}
          <Scatter
            data={markers}
            dataKey="step"
            name={`${stepTimes.length - 1} sampler steps`}
            fill="#cf222e"
            isAnimationActive={false}
          />
          <ReferenceLine
            x={t}
            stroke="#6639ba"
            strokeDasharray="4 2"
            label={{ value: `t = ${t.toFixed(3)}`, position: 'insideTopRight' }}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
