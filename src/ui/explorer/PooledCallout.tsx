import type { PooledView } from '../../math/explorerLevels';
import { logSnrToDb } from '../../math/logSnr';
import type { PoolingGain } from '../../math/snr';

const dbOf = (linear: number) => 10 * Math.log10(linear);

interface GainProps {
  gain: PoolingGain;
  factor: number;
}

/**
 * The pooling gain where people look, on the pooled panel: theory (s² for a signal smooth at the
 * pooling scale) and what this image and this noise give, in the same units.
 */
export function PooledCallout({ gain }: GainProps) {
  return (
    <span className="pooled-callout" data-testid="pooled-gain-callout" data-value={String(gain.measured)}>
      +{logSnrToDb(Math.log(gain.theoretical)).toFixed(1)} dB = {gain.theoretical}× SNR{' '}
      <span className="measured">(measured {gain.measured.toFixed(1)}× on this image)</span>
    </span>
  );
}

/**
 * Beside the panels, the two sentences that reconcile theory and measurement: pooling divides the
 * noise variance by s² exactly, and keeps the signal power only where the image is smooth.
 */
export function GainExplanation({ gain, factor, pooledView }: GainProps & { pooledView: PooledView }) {
  const theoretical = gain.theoretical;
  return (
    <div className="gain-explanation">
      <p className="why" data-testid="gain-explanation">
        Pooling {factor}×{factor} blocks divides the noise variance by {theoretical} (measured ×
        {(gain.noiseVarianceRatio * theoretical).toFixed(3)} of 1/{theoretical}) and keeps{' '}
        {(100 * gain.signalPowerRatio).toFixed(1)} % of this image's signal power, so its SNR gains{' '}
        {gain.measured.toFixed(1)}× ({dbOf(gain.measured).toFixed(1)} dB) where theory says {theoretical}×.{' '}
        {explainGain(gain.measured, theoretical)}
      </p>
      {pooledView === 'unit' && (
        <p className="note" data-testid="pooled-view-note">
          The pooled panel is divided by √(α² + σ²/s²), its own standard deviation: a rescaling changes no SNR, and it
          makes the panel exactly a noisy image x_t at logSNR λ + 2·ln s, so it can be compared with L by eye.
        </p>
      )}
    </div>
  );
}

function explainGain(measured: number, theoretical: number): string {
  if (measured < 2) {
    return 'Almost no gain: this image has as much fine detail as noise does, so pooling averages its signal away too (white noise is the extreme case).';
  }
  if (measured < 0.95 * theoretical) {
    return `The shortfall is the image's own detail finer than the ${theoretical ** 0.5}×${theoretical ** 0.5} blocks, averaged away with the noise.`;
  }
  return 'Close to theory: this image is smooth at the pooling scale, so pooling keeps its signal and divides the noise variance by s².';
}
