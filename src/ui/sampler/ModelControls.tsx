/**
 * Which model samples (model=NAME, from the models index) and compare mode (compare=1: the index's
 * two compare models side by side; swap=1: each with the other's training schedule).
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../controls/SelectField';
import type { SamplerState, Update } from '../urlState';
import type { ModelEntry, ModelIndex } from './modelIndex';

interface ModelControlsProps {
  state: SamplerState;
  update: Update<SamplerState>;
  /** null while the index is fetched. */
  index: ModelIndex | null;
  entry: ModelEntry | null;
  /** The compared pair, or null when the index offers none (then compare is disabled). */
  pair: [ModelEntry, ModelEntry] | null;
}

// memo: the sampler panel re-renders at every sampling step; this need not (docs/BENCHMARKS.md §3).
export const ModelControls = memo(function ModelControls({ state, update, index, entry, pair }: ModelControlsProps) {
  const { t: tr } = useTranslation();
  // Comparing samples the pair named beside the checkbox: the single model is not in use then, and
  // a selector that still offered it read as if it were (it showed emoji64 beside the pair).
  const comparing = state.compare && pair !== null;
  const choices = (index?.models ?? []).map((model) => ({
    value: model.name,
    label: `${model.name} (${model.imageSize} px)`,
  }));
  return (
    <div className="controls model-controls">
      {index && entry ? (
        <SelectField
          label={tr('models.model')}
          testId="model-select"
          value={entry.name}
          choices={choices}
          onChange={(model) => update({ model })}
          disabled={comparing}
        />
      ) : (
        <span data-testid="model-select-loading">{tr('models.reading')}</span>
      )}
      <label>
        <input
          type="checkbox"
          data-testid="compare-toggle"
          checked={comparing}
          disabled={pair === null}
          onChange={(event) => update({ compare: event.target.checked })}
        />{' '}
        {pair ? tr('models.comparePair', { first: pair[0].name, second: pair[1].name }) : tr('models.compareTwo')}
      </label>
      {comparing && (
        <label>
          <input
            type="checkbox"
            data-testid="swap-toggle"
            checked={state.swap}
            onChange={(event) => update({ swap: event.target.checked })}
          />{' '}
          {tr('models.swap')}
        </label>
      )}
      {comparing && (
        // Issue 26: with steps uniform in λ both training schedules give grids of one spacing, only
        // translated, so "swap" changed the samples by ~0.3 % RMSE; say so, and offer the spacing
        // where the schedule sets where the steps fall.
        <p className="control-note" data-testid="compare-spacing-note" data-spacing={state.spacing}>
          {state.spacing === 'uniform-logsnr'
            ? tr('models.spacingTranslated', { nats: shiftApart(pair).toFixed(2) })
            : tr('models.spacingOwn', { spacing: tr(`lab.spacing.${state.spacing}`) })}
          {state.spacing === 'uniform-logsnr' && (
            <>
              {' '}
              <button type="button" data-testid="compare-uniform-t" onClick={() => update({ spacing: 'uniform-t' })}>
                {tr('models.useUniformT')}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
});

/** How far apart the pair's training schedules are, in nats of λ (their shifts' difference). */
const shiftApart = ([first, second]: [ModelEntry, ModelEntry]): number =>
  Math.abs(first.trainingSchedule.shift - second.trainingSchedule.shift);
