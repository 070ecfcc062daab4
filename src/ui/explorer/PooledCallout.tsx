import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
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
 * pooling scale) and what this image and this noise give, in the same units. With the resolution
 * shift on, H was noised that much lower, so the callout says what is true then: the gain only
 * brings pooled H back to L's λ.
 */
export function PooledCallout({ gain, shifted }: GainProps & { shifted: boolean }) {
  const { t: tr } = useTranslation();
  const db = logSnrToDb(Math.log(gain.theoretical)).toFixed(1);
  return (
    <span
      className="pooled-callout"
      data-testid="pooled-gain-callout"
      data-value={String(gain.measured)}
      data-shifted={String(shifted)}
    >
      {shifted ? tr('gain.calloutShifted', { db }) : `+${db} dB = ${gain.theoretical}× SNR`}{' '}
      <span className="measured">{tr('gain.calloutMeasured', { gain: gain.measured.toFixed(1) })}</span>
    </span>
  );
}

/**
 * Beside the panels, the two sentences that reconcile theory and measurement: pooling divides the
 * noise variance by s² exactly, and keeps the signal power only where the image is smooth.
 */
export function GainExplanation({ gain, factor, pooledView }: GainProps & { pooledView: PooledView }) {
  const theoretical = gain.theoretical;
  const { t: tr } = useTranslation();
  return (
    <div className="gain-explanation">
      <p className="why" data-testid="gain-explanation">
        {tr('gain.why', {
          factor,
          theoretical,
          ratio: (gain.noiseVarianceRatio * theoretical).toFixed(3),
          kept: (100 * gain.signalPowerRatio).toFixed(1),
          measured: gain.measured.toFixed(1),
          db: dbOf(gain.measured).toFixed(1),
        })}{' '}
        {explainGain(gain.measured, theoretical)}
      </p>
      {pooledView === 'unit' && (
        <p className="note" data-testid="pooled-view-note">
          {tr('gain.unitNote')}
        </p>
      )}
    </div>
  );
}

function explainGain(measured: number, theoretical: number): string {
  if (measured < 2) return translate('gain.almostNone');
  if (measured < 0.95 * theoretical) return translate('gain.shortfall', { block: theoretical ** 0.5 });
  return translate('gain.closeToTheory');
}
