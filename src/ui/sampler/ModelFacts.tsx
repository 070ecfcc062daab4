import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { trainingScheduleText } from '../i18n/labels';
import type { ModelFacts as LoadedFacts } from '../../worker/client';
import { formatBytes, formatSwd, manifestSchedule, type ModelEntry } from './modelIndex';

interface ModelFactsProps {
  entry: ModelEntry;
  /** The loaded manifest's facts, once loaded: they win over the index's copies. */
  loaded: LoadedFacts | null;
  /** Where the index disagreed with the manifest. */
  mismatch: string | null;
  /** Appended to the test ids in compare mode. */
  testIdSuffix?: string;
}

/**
 * A model's size, training schedule, weights and SWD: from its model.json once it is loaded, from
 * the models index before (SWD only the index has).
 */
// memo: the sampler panel re-renders at every sampling step; this need not (docs/BENCHMARKS.md §3).
export const ModelFacts = memo(function ModelFacts({ entry, loaded, mismatch, testIdSuffix = '' }: ModelFactsProps) {
  const { t: tr } = useTranslation();
  const suffix = testIdSuffix ? `-${testIdSuffix}` : '';
  const imageSize = loaded?.imageSize ?? entry.imageSize;
  const schedule = loaded ? manifestSchedule(loaded) : entry.trainingSchedule;
  return (
    <div className="model-facts" data-testid={`model-facts${suffix}`}>
      <p>
        <strong>{entry.name}</strong>: {tr(`models.summaries.${entry.name}`, { defaultValue: '' })}
        {tr('models.sentenceEnd')}{' '}
        <output
          data-testid={`model-image-size${suffix}`}
          data-value={String(imageSize)}
          data-source={loaded ? 'model.json' : 'index'}
        >
          {imageSize} px
        </output>
        {loaded ? tr('models.params', { params: (loaded.paramCount / 1e6).toFixed(2), patch: loaded.patchSize }) : ''}
        {' · '}
        {tr('models.trainedOn')}{' '}
        <output data-testid={`model-schedule${suffix}`} data-value={String(schedule.shift)}>
          {trainingScheduleText(schedule)}
        </output>
        {' · '}
        {formatBytes(loaded?.bytes ?? entry.bytes)}
        {' · '}SWD{' '}
        <output
          data-testid={`model-swd${suffix}`}
          data-value={entry.swd ? String(entry.swd.average) : ''}
          title={tr('models.swdTitle')}
        >
          {formatSwd(entry.swd)}
        </output>
      </p>
      {mismatch && (
        <p className="notices" data-testid={`model-mismatch${suffix}`}>
          {mismatch}
        </p>
      )}
    </div>
  );
});
