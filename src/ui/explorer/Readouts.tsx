import { logSnrToDb } from '../../math/logSnr';
import { measuredSnr, poolingGain } from '../../math/snr';
import type { ExplorerLevels } from '../../math/explorerLevels';
import type { ScenePowers } from './explorerScene';

/** A number shown rounded, with the raw value in data-value for tests (UI test contract). */
export function Value({
  testId,
  value,
  digits = 3,
  unit = '',
}: {
  testId: string;
  value: number;
  digits?: number;
  unit?: string;
}) {
  return (
    <output data-testid={testId} data-value={String(value)}>
      {Number.isFinite(value) ? value.toFixed(digits) : '—'}
      {unit}
    </output>
  );
}

const dbOf = (linear: number) => 10 * Math.log10(linear);

interface LevelRowProps {
  name: string;
  /** Test-id suffix: logsnr-<suffix>, alpha-<suffix>, … */
  suffix: string;
  logSnr: number;
  /** Absent for the pooled image, which is not a VP mix of its own. */
  alpha?: number;
  sigma?: number;
  /** Measured SNR (linear). */
  measured: number;
}

function LevelRow({ name, suffix, logSnr, alpha, sigma, measured }: LevelRowProps) {
  const optional = (key: string, value?: number) =>
    value === undefined ? '—' : <Value testId={`${key}-${suffix}`} value={value} />;
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <Value testId={`logsnr-${suffix}`} value={logSnr} />
      </td>
      <td>{optional('alpha', alpha)}</td>
      <td>{optional('sigma', sigma)}</td>
      <td>
        <Value testId={`snr-db-${suffix}`} value={logSnrToDb(logSnr)} digits={2} />
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
}

/** λ, SNR and the pooling gain: theory beside what this image and this noise give. */
export function Readouts({ levels, powers, factor }: ReadoutsProps) {
  const alphaSq = (alpha: number) => alpha * alpha;
  const measuredHi = measuredSnr(alphaSq(levels.alphaHi), alphaSq(levels.sigmaHi), powers.signalHi, powers.noiseHi);
  const measuredLo = measuredSnr(alphaSq(levels.alphaLo), alphaSq(levels.sigmaLo), powers.signalLo, powers.noiseLo);
  const measuredPooled = measuredSnr(
    alphaSq(levels.alphaHi),
    alphaSq(levels.sigmaHi),
    powers.signalLo,
    powers.noisePooled,
  );
  const gain = poolingGain(factor, powers.signalHi, powers.signalLo, powers.noiseHi, powers.noisePooled);
  return (
    <div className="readouts">
      <table aria-label="Noise levels and measured SNR">
        <thead>
          <tr>
            <th scope="col">panel</th>
            <th scope="col">λ (nats)</th>
            <th scope="col">α</th>
            <th scope="col">σ</th>
            <th scope="col">SNR theory (dB)</th>
            <th scope="col">SNR measured (dB)</th>
          </tr>
        </thead>
        <tbody>
          <LevelRow
            name="H"
            suffix="hi"
            logSnr={levels.logSnrHi}
            alpha={levels.alphaHi}
            sigma={levels.sigmaHi}
            measured={measuredHi}
          />
          <LevelRow
            name="L"
            suffix="lo"
            logSnr={levels.logSnrLo}
            alpha={levels.alphaLo}
            sigma={levels.sigmaLo}
            measured={measuredLo}
          />
          <LevelRow name="H pooled to L" suffix="pooled" logSnr={levels.logSnrPooled} measured={measuredPooled} />
        </tbody>
      </table>
      <p className="note">
        Theory assumes a signal of unit power; “measured” uses this image's own signal power (its variance, here{' '}
        {powers.signalHi.toFixed(3)} at H) and this noise's, so it sits a constant offset below theory.
      </p>
      <dl className="gains">
        <dt>
          Theoretical gain of {factor}×{factor} pooling, s²
        </dt>
        <dd>
          <Value testId="snr-theory-gain" value={gain.theoretical} digits={0} />× (+
          {(20 * Math.log10(factor)).toFixed(2)} dB, +{(2 * Math.log(factor)).toFixed(3)} nats)
        </dd>
        <dt>Noise variance after / before pooling (theory 1/s² = {(1 / gain.theoretical).toPrecision(3)})</dt>
        <dd>
          <Value testId="noise-var-ratio" value={gain.noiseVarianceRatio} digits={5} />
        </dd>
        <dt>Signal power after / before pooling</dt>
        <dd>
          <Value testId="signal-power-ratio" value={gain.signalPowerRatio} digits={3} />
        </dd>
        <dt>Measured SNR gain on this image</dt>
        <dd>
          <Value testId="snr-measured-gain" value={gain.measured} digits={1} />× ({dbOf(gain.measured).toFixed(2)} dB)
        </dd>
      </dl>
      <p className="why" data-testid="gain-explanation">
        {explainGain(gain.measured, gain.theoretical)}
      </p>
    </div>
  );
}

function explainGain(measured: number, theoretical: number): string {
  if (measured < 2) {
    return 'Almost no gain: this image has as much fine detail as noise does, so pooling averages its signal away too (white noise is the extreme case).';
  }
  if (measured < 0.95 * theoretical) {
    return `Measured < ${theoretical}: pooling also averages away the image's own detail finer than the ${theoretical ** 0.5}×${theoretical ** 0.5} blocks, so the signal loses some power while the noise loses a factor ${theoretical}.`;
  }
  return 'Close to theory: this image is smooth at the pooling scale, so pooling keeps its signal and divides the noise variance by s².';
}
