import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { explorerLevels, pooledMix } from '../../math/explorerLevels';
import { writeNoisyRgba } from '../../math/image';
import { asTime, resolutionShift } from '../../math/logSnr';
import type { Schedule } from '../../math/schedules';
import { Value } from '../controls/Value';
import { rasterise } from './rasterise';
import { buildLadder, type LadderRung } from './ladderScene';

interface LadderProps {
  bitmap: ImageBitmap;
  lo: number;
  seed: number;
  schedule: Schedule;
  t: number;
}

/**
 * The resolution ladder: the same image and the same t at L, 2L, … 1024 px, each average-pooled to
 * L, in two rows: every rung at the schedule's λ (the pooled images get cleaner as d grows: SNR ×
 * (d/L)²), and every rung at its own shifted λ + 2·ln(L/d) (all alike: pooled d matches L). The
 * seed's argument is a statement about every resolution at once; this shows it that way.
 */
export function Ladder({ bitmap, lo, seed, schedule, t }: LadderProps) {
  const { t: tr } = useTranslation();
  const rungs = useMemo(() => buildLadder((size) => rasterise(bitmap, size).image, lo, seed), [bitmap, lo, seed]);
  return (
    <div className="ladder" data-testid="ladder">
      <p className="ladder-intro">{tr('ladder.intro', { lo })}</p>
      {/* A column per rung (ladder-rung-<d>): its size, then the two pooled views. Rows line up by subgrid. */}
      <div
        className="ladder-grid"
        style={{ gridTemplateColumns: `max-content repeat(${rungs.length}, minmax(0, 1fr))` }}
      >
        <div className="ladder-column ladder-names">
          <span />
          <span className="ladder-row-name">{tr('ladder.same')}</span>
          <span className="ladder-row-name">{tr('ladder.shifted')}</span>
        </div>
        {rungs.map((rung) => (
          <div key={rung.size} className="ladder-column" data-testid={`ladder-rung-${rung.size}`}>
            <span className="ladder-head">{tr('ladder.rung', { size: rung.size, lo })}</span>
            <RungView rung={rung} lo={lo} schedule={schedule} t={t} shifted={false} />
            <RungView rung={rung} lo={lo} schedule={schedule} t={t} shifted />
          </div>
        ))}
      </div>
    </div>
  );
}

interface RungViewProps {
  rung: LadderRung;
  lo: number;
  schedule: Schedule;
  t: number;
  shifted: boolean;
}

/** One rung pooled to L, with the λ its pooled image has (theory: λ_d + 2·ln(d/L)). */
function RungView({ rung, lo, schedule, t, shifted }: RungViewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const factor = rung.size / lo;
  const levels = useMemo(
    () => explorerLevels(schedule, asTime(t), rung.size, lo, shifted),
    [schedule, t, rung, lo, shifted],
  );
  useEffect(() => {
    const target = canvas.current;
    const context = target?.getContext('2d');
    if (!target || !context) return;
    target.width = lo;
    target.height = lo;
    const image = new ImageData(lo, lo);
    const mix = pooledMix(levels, factor, 'unit');
    writeNoisyRgba(rung.signal, rung.noise, mix.signalScale, mix.noiseScale, image.data);
    context.putImageData(image, 0, 0);
  }, [levels, rung, lo, factor]);
  const id = `${shifted ? 'ladder-shifted' : 'ladder-pooled'}-${rung.size}`;
  return (
    <figure className="ladder-cell">
      <canvas
        ref={canvas}
        data-testid={id}
        role="img"
        aria-label={`${rung.size} → ${lo} px, λ ${levels.logSnrPooled.toFixed(2)}`}
      />
      <figcaption>
        λ = <Value testId={`${id}-logsnr`} value={levels.logSnrPooled} digits={2} />
        {shifted && rung.size !== lo && <> ({formatShift(resolutionShift(lo, rung.size))})</>}
      </figcaption>
    </figure>
  );
}

const formatShift = (nats: number) => `${nats < 0 ? '−' : '+'}${Math.abs(nats).toFixed(2)}`;
