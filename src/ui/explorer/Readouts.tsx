import { useTranslation } from 'react-i18next';
import { alphaSquared, logSnrToDb, resolutionShift, sigmaSquared, type LogSnr } from '../../math/logSnr';
import { measuredSnr, type PoolingGain } from '../../math/snr';
import type { ExplorerLevels } from '../../math/explorerLevels';
import { Value } from '../controls/Value';
import type { ScenePowers } from './explorerScene';

const dbOf = (linear: number) => 10 * Math.log10(linear);

interface LevelRowProps {
  name: string;
  /** Test-id suffix: logsnr-<suffix>, alpha-<suffix>, … */
  suffix: string;
  logSnr: number;
  alpha: number;
  sigma: number;
  /** The signal power theory assumes for this row (this image's variance at the row's size). */
  signalPower: number;
  /** Measured SNR (linear). */
  measured: number;
}

function LevelRow({ name, suffix, logSnr, alpha, sigma, signalPower, measured }: LevelRowProps) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <Value testId={`logsnr-${suffix}`} value={logSnr} />
      </td>
      <td>
        <Value testId={`alpha-${suffix}`} value={alpha} />
      </td>
      <td>
        <Value testId={`sigma-${suffix}`} value={sigma} />
      </td>
      <td>
        <Value testId={`snr-db-${suffix}`} value={logSnrToDb(logSnr) + dbOf(signalPower)} digits={2} />
      </td>
      <td>
        <Value testId={`measured-snr-db-${suffix}`} value={dbOf(measured)} digits={2} />
      </td>
    </tr>
  );
}

interface ReadoutsProps {
  levels: ExplorerLevels;
  powers: ScenePowers;
  factor: number;
  gain: PoolingGain;
}

/** λ, SNR and the pooling gain: theory beside what this image and this noise give. */
export function Readouts({ levels, powers, factor, gain }: ReadoutsProps) {
  const { t: tr } = useTranslation();
  // α² and σ² from λ (logSnr.ts's stable forms), as the mix itself is made from λ.
  const measured = (logSnr: LogSnr, signal: number, noise: number) =>
    measuredSnr(alphaSquared(logSnr), sigmaSquared(logSnr), signal, noise);
  const measuredHi = measured(levels.logSnrHi, powers.signalHi, powers.noiseHi);
  const measuredLo = measured(levels.logSnrLo, powers.signalLo, powers.noiseLo);
  // pool(x_t) = α_H·pool(x_0) + σ_H·pool(ε_H): H's λ, with the pooled powers.
  const measuredPooled = measured(levels.logSnrHi, powers.signalLo, powers.noisePooled);
  return (
    <div className="readouts">
      <table aria-label={tr('readouts.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{tr('readouts.panel')}</th>
            <th scope="col">λ ({tr('units.nats')})</th>
            <th scope="col">α</th>
            <th scope="col">σ</th>
            <th scope="col">{tr('readouts.snrTheory')}</th>
            <th scope="col">{tr('readouts.snrMeasured')}</th>
          </tr>
        </thead>
        <tbody>
          <LevelRow
            name="H"
            suffix="hi"
            logSnr={levels.logSnrHi}
            alpha={levels.alphaHi}
            sigma={levels.sigmaHi}
            signalPower={powers.signalHi}
            measured={measuredHi}
          />
          <LevelRow
            name="L"
            suffix="lo"
            logSnr={levels.logSnrLo}
            alpha={levels.alphaLo}
            sigma={levels.sigmaLo}
            signalPower={powers.signalLo}
            measured={measuredLo}
          />
          <LevelRow
            name={tr('readouts.pooledRow')}
            suffix="pooled"
            logSnr={levels.logSnrPooled}
            alpha={levels.alphaPooled}
            sigma={levels.sigmaPooled}
            signalPower={powers.signalHi}
            measured={measuredPooled}
          />
        </tbody>
      </table>
      <p className="note">{tr('readouts.note', { hi: powers.signalHi.toFixed(3), lo: powers.signalLo.toFixed(3) })}</p>
      <dl className="gains">
        <dt>{tr('readouts.theoryGain', { factor })}</dt>
        <dd>
          <Value testId="snr-theory-gain" value={gain.theoretical} digits={0} />× (+
          {(20 * Math.log10(factor)).toFixed(2)} dB, +{resolutionShift(factor, 1).toFixed(3)} {tr('units.nats')})
        </dd>
        <dt>{tr('readouts.noiseRatio', { theory: (1 / gain.theoretical).toPrecision(3) })}</dt>
        <dd>
          <Value testId="noise-var-ratio" value={gain.noiseVarianceRatio} digits={5} />
        </dd>
        <dt>{tr('readouts.signalRatio')}</dt>
        <dd>
          <Value testId="signal-power-ratio" value={gain.signalPowerRatio} digits={3} />
        </dd>
        <dt>{tr('readouts.measuredGain')}</dt>
        <dd>
          <Value testId="snr-measured-gain" value={gain.measured} digits={1} />× ({dbOf(gain.measured).toFixed(2)} dB)
        </dd>
      </dl>
    </div>
  );
}
