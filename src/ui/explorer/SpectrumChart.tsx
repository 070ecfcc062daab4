import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, ResponsiveContainer } from 'recharts';
import { noiseDominatedFrom } from '../../math/spectrum';
import { ChartLegend, type LegendGroup, type LegendItem } from '../charts/ChartLegend';
import { ORIGINAL_COLOR, PALETTE, SHIFTED_COLOR } from '../charts/palette';
import type { Spectra } from '../../worker/spectrumClient';

/** Points kept per curve: bins are thinned to about this many, log-spaced, to keep redraws cheap. */
const MAX_POINTS = 96;
const FREQUENCY_TICKS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];
const CROSSING_COLOR = PALETTE.black;
const CUTOFF_COLOR = PALETTE.bluishGreen;

/**
 * The curves and the two marked frequencies. The marks are named here rather than on the plot,
 * where their labels crossed the curves.
 */
function legendGroups(crossing: number | null, cutoff: number, tr: typeof translate): LegendGroup[] {
  const marks: LegendItem[] = [
    { label: tr('spectrum.keeps', { f: cutoff.toPrecision(3) }), color: CUTOFF_COLOR, kind: 'rule', dashed: true },
  ];
  if (crossing !== null) {
    marks.unshift({
      label: tr('spectrum.dominates', { f: crossing.toPrecision(3) }),
      color: CROSSING_COLOR,
      kind: 'rule',
      dashed: false,
    });
  }
  return [
    {
      items: [
        { label: tr('spectrum.image'), color: ORIGINAL_COLOR },
        { label: tr('spectrum.noise'), color: SHIFTED_COLOR },
        ...marks,
      ],
    },
  ];
}

interface SpectrumChartProps {
  spectra: Spectra | null;
  alphaSq: number;
  sigmaSq: number;
  /** Pooling factor s: pooling to L keeps frequencies below 0.5/s cycles per H-pixel. */
  factor: number;
}

/**
 * Dieleman's "spectral autoregression" view: the clean image's radially averaged power spectrum
 * scaled by α², and the noise's by σ², log-log. Noise dominates above the crossing; pooling to L
 * keeps only frequencies below L's Nyquist limit.
 */
export const SpectrumChart = memo(function SpectrumChart({ spectra, alphaSq, sigmaSq, factor }: SpectrumChartProps) {
  const { t: tr } = useTranslation();
  const data = useMemo(() => {
    if (!spectra) return [];
    const bins = spectra.signal.frequency.length;
    const picked = new Set<number>();
    for (let k = 0; k < MAX_POINTS; k++) picked.add(Math.round(Math.exp((Math.log(bins) * k) / (MAX_POINTS - 1))) - 1);
    return [...picked].map((i) => ({
      frequency: spectra.signal.frequency[i],
      signal: Math.max(1e-30, alphaSq * spectra.signal.power[i]),
      noise: Math.max(1e-30, sigmaSq * spectra.noise.power[i]),
    }));
  }, [spectra, alphaSq, sigmaSq]);
  if (!spectra) return <p className="chart-placeholder">{tr('spectrum.computing')}</p>;
  const crossing = noiseDominatedFrom(spectra.signal, spectra.noise, alphaSq, sigmaSq);
  const cutoff = 0.5 / factor;
  return (
    <figure className="spectrum" data-testid="spectrum-chart">
      <ChartLegend groups={legendGroups(crossing, cutoff, translate)} testId="spectrum-legend" />
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="frequency"
            type="number"
            scale="log"
            domain={['dataMin', 0.5]}
            ticks={FREQUENCY_TICKS.filter((f) => f >= 1 / (2 * spectra.signal.frequency.length))}
            tickFormatter={(v: number) => String(v)}
            label={{ value: tr('spectrum.xAxis'), position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            type="number"
            scale="log"
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => v.toExponential(0)}
            label={{
              value: tr('spectrum.yAxis'),
              angle: -90,
              position: 'insideLeft',
              style: { textAnchor: 'middle' },
            }}
          />
          <Tooltip
            formatter={(v) => Number(v).toExponential(3)}
            labelFormatter={(v) => `f = ${Number(v).toPrecision(3)}`}
          />
          <Line
            type="monotone"
            dataKey="signal"
            name={tr('spectrum.image')}
            stroke={ORIGINAL_COLOR}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="noise"
            name={tr('spectrum.noise')}
            stroke={SHIFTED_COLOR}
            dot={false}
            isAnimationActive={false}
          />
          {crossing !== null && <ReferenceLine x={crossing} stroke={CROSSING_COLOR} />}
          <ReferenceLine x={cutoff} stroke={CUTOFF_COLOR} strokeDasharray="6 3" />
        </LineChart>
      </ResponsiveContainer>
      <figcaption data-testid="spectrum-summary">
        {crossing === null
          ? tr('spectrum.imageDominates')
          : tr('spectrum.noiseDominates', { f: crossing.toPrecision(3) })}{' '}
        {tr('spectrum.poolingKeeps', { f: cutoff.toPrecision(3) })}
      </figcaption>
    </figure>
  );
});
