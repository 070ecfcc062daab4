import { useTranslation } from 'react-i18next';
import { alphaSquared, logSnrToDb, resolutionShift, sigmaSquared, type LogSnr } from '../../math/logSnr';
import { measuredSnr, type PoolingGain } from '../../math/snr';
import type { ExplorerLevels } from '../../math/explorerLevels';
import { Value } from '../controls/Value';
import type { PanelId } from '../explorerContent';
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
  /** The columns' names, repeated in each cell (data-label): on a phone a row is a card. */
  columns: readonly string[];
}

function LevelRow({ name, suffix, logSnr, alpha, sigma, signalPower, measured, columns }: LevelRowProps) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td data-label={columns[0]}>
        <Value testId={`logsnr-${suffix}`} value={logSnr} />
      </td>
      <td data-label={columns[1]}>
        <Value testId={`alpha-${suffix}`} value={alpha} />
      </td>
      <td data-label={columns[2]}>
        <Value testId={`sigma-${suffix}`} value={sigma} />
      </td>
      <td data-label={columns[3]}>
        <Value testId={`snr-db-${suffix}`} value={logSnrToDb(logSnr) + dbOf(signalPower)} digits={2} />
      </td>
      <td data-label={columns[4]}>
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
  /**
   * The rows shown: those of the panels on screen (a lesson step may show fewer than three). The
   * gains go with the pooled row; with no rows at all (step 4: the spectrum and the measured gain)
   * the table goes and the gains stay.
   */
  rows: readonly PanelId[];
}

/** λ, SNR and the pooling gain: theory beside what this image and this noise give. */
export function Readouts({ levels, powers, factor, gain, rows }: ReadoutsProps) {
  const { t: tr } = useTranslation();
  // α² and σ² from λ (logSnr.ts's stable forms), as the mix itself is made from λ.
  const measured = (logSnr: LogSnr, signal: number, noise: number) =>
    measuredSnr(alphaSquared(logSnr), sigmaSquared(logSnr), signal, noise);
  const measuredHi = measured(levels.logSnrHi, powers.signalHi, powers.noiseHi);
  const measuredLo = measured(levels.logSnrLo, powers.signalLo, powers.noiseLo);
  // pool(x_t) = α_H·pool(x_0) + σ_H·pool(ε_H): H's λ, with the pooled powers.
  const measuredPooled = measured(levels.logSnrHi, powers.signalLo, powers.noisePooled);
  const columns = [`λ (${tr('units.nats')})`, 'α', 'σ', tr('readouts.snrTheory'), tr('readouts.snrMeasured')];
  return (
    <div className="readouts">
      {rows.length > 0 && (
        <table aria-label={tr('readouts.tableLabel')}>
          <thead>
            <tr>
              <th scope="col">{tr('readouts.panel')}</th>
              {columns.map((column) => (
                <th scope="col" key={column}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.includes('hi') && (
              <LevelRow
                name="H"
                suffix="hi"
                logSnr={levels.logSnrHi}
                alpha={levels.alphaHi}
                sigma={levels.sigmaHi}
                signalPower={powers.signalHi}
                measured={measuredHi}
                columns={columns}
              />
            )}
            {rows.includes('lo') && (
              <LevelRow
                name="L"
                suffix="lo"
                logSnr={levels.logSnrLo}
                alpha={levels.alphaLo}
                sigma={levels.sigmaLo}
                signalPower={powers.signalLo}
                measured={measuredLo}
                columns={columns}
              />
            )}
            {rows.includes('pooled') && (
              <LevelRow
                name={tr('readouts.pooledRow')}
                suffix="pooled"
                logSnr={levels.logSnrPooled}
                alpha={levels.alphaPooled}
                sigma={levels.sigmaPooled}
                signalPower={powers.signalHi}
                measured={measuredPooled}
                columns={columns}
              />
            )}
          </tbody>
        </table>
      )}
      {rows.length > 0 && (
        <p className="note">
          {tr('readouts.note', { hi: powers.signalHi.toFixed(3), lo: powers.signalLo.toFixed(3) })}
        </p>
      )}
      {(rows.includes('pooled') || rows.length === 0) && (
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
      )}
    </div>
  );
}
