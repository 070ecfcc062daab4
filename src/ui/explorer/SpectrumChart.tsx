import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  ResponsiveContainer,
} from 'recharts';
import { noiseDominatedFrom } from '../../math/spectrum';
import type { Spectra } from '../../worker/spectrumClient';

/** Points kept per curve: bins are thinned to about this many, log-spaced, to keep redraws cheap. */
const MAX_POINTS = 96;
const FREQUENCY_TICKS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];

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
  if (!spectra) return <p className="chart-placeholder">Computing the spectrum…</p>;
  const crossing = noiseDominatedFrom(spectra.signal, spectra.noise, alphaSq, sigmaSq);
  const cutoff = 0.5 / factor;
  return (
    <figure className="spectrum">
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
            label={{ value: 'frequency (cycles / H-pixel)', position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            type="number"
            scale="log"
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => v.toExponential(0)}
          />
          <Tooltip
            formatter={(v) => Number(v).toExponential(3)}
            labelFormatter={(v) => `f = ${Number(v).toPrecision(3)}`}
          />
          <Legend verticalAlign="top" />
          <Line
            type="monotone"
            dataKey="signal"
            name="α²·image"
            stroke="#1f6feb"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="noise"
            name="σ²·noise"
            stroke="#d1242f"
            dot={false}
            isAnimationActive={false}
          />
          {crossing !== null && (
            <ReferenceLine
              x={crossing}
              stroke="#8250df"
              label={{ value: 'noise dominates →', position: 'insideTopRight' }}
            />
          )}
          <ReferenceLine
            x={cutoff}
            stroke="#1a7f37"
            strokeDasharray="6 3"
            label={{ value: '← kept by pooling to L', position: 'insideBottomLeft' }}
          />
        </LineChart>
      </ResponsiveContainer>
      <figcaption data-testid="spectrum-summary">
        {crossing === null
          ? 'The image dominates the noise at every frequency.'
          : `Noise dominates above ${crossing.toPrecision(3)} cycles/pixel`}
        ; pooling to L keeps frequencies below {cutoff.toPrecision(3)} cycles/pixel.
      </figcaption>
    </figure>
  );
});
