/**
 * A compared model's measured SWD per pyramid band (issue 26), from the models index: the number
 * the model card reports for each coarseness, beside the pictures it summarises, with the floor
 * (real images against real images) that says how low it can go.
 */
import { useTranslation } from 'react-i18next';
import type { SwdScore } from './modelIndex';

export function BandSwd({ swd, testIdSuffix }: { swd: SwdScore | null; testIdSuffix: string }) {
  const { t: tr } = useTranslation();
  if (!swd || swd.bands.length === 0) return null;
  return (
    <p className="band-swd" data-testid={`band-swd-${testIdSuffix}`} title={tr('models.swdTitle')}>
      {swd.samples === null
        ? tr('compare.bandsLead', { steps: swd.steps })
        : tr('compare.bandsLeadOnSamples', { steps: swd.steps, samples: swd.samples })}{' '}
      {swd.bands.map((band, i) => (
        <span key={band.size}>
          {i > 0 && ' · '}
          <output data-testid={`band-swd-${band.size}-${testIdSuffix}`} data-value={String(band.value)}>
            {tr('compare.band', { size: band.size, value: band.value.toFixed(1), floor: band.floor.toFixed(1) })}
          </output>
        </span>
      ))}
    </p>
  );
}
