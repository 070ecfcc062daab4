import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { MARKER_COLOR, ORIGINAL_COLOR, SHIFTED_COLOR } from '../charts/palette';

interface HistogramChartProps {
  rows: { logSnr: number; original: number; shifted: number }[];
  /** λ at the explorer's t on the shifted schedule, marked. */
  logSnrAtT: number;
  shifted: boolean;
}

/** The λ a network sees in training under uniform t: original vs shifted schedule. */
export const HistogramChart = memo(function HistogramChart({ rows, logSnrAtT, shifted }: HistogramChartProps) {
  const { t: tr } = useTranslation();
  const mean = (key: 'original' | 'shifted') => rows.reduce((sum, row) => sum + row[key] * row.logSnr, 0);
  return (
    <figure className="chart" aria-label={tr('histogram.label')} data-testid="histogram-chart">
      <figcaption className="sr-only" data-testid="histogram-summary">
        {shifted
          ? tr('histogram.summaryShifted', {
              original: mean('original').toFixed(2),
              shifted: mean('shifted').toFixed(2),
            })
          : tr('histogram.summary', { original: mean('original').toFixed(2) })}
      </figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={rows} margin={{ top: 8, right: 24, bottom: 20, left: 8 }} barGap={0}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="logSnr"
            type="number"
            domain={[-25, 20]}
            label={{ value: tr('histogram.xAxis'), position: 'insideBottom', offset: -10 }}
          />
          <YAxis
            tickFormatter={(v: number) => `${(100 * v).toFixed(0)}%`}
            label={{
              value: tr('histogram.yAxis'),
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            formatter={(value, name) => [`${(100 * Number(value)).toFixed(2)} %`, name]}
            labelFormatter={(v) => `λ ≈ ${v}`}
          />
          <Legend verticalAlign="top" />
          <Bar dataKey="original" name={tr('histogram.original')} fill={ORIGINAL_COLOR} isAnimationActive={false} />
          {shifted && (
            <Bar dataKey="shifted" name={tr('histogram.shifted')} fill={SHIFTED_COLOR} isAnimationActive={false} />
          )}
          <ReferenceLine x={logSnrAtT} stroke={MARKER_COLOR} strokeDasharray="4 2" />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});
