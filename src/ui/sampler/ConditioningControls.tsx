/**
 * A class-conditional model's controls (issue 25): which category (class=random | any | NAME), which
 * vendor (vendor=any | NAME) and the classifier-free guidance weight w (guidance=W). The panel shows
 * them only for a conditional model; in compare mode, only when both models are conditional on the
 * same labels (conditioning.ts pairLabels), and then they ask both columns the same.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { classLabel } from '../i18n/labels';
import { MAX_GUIDANCE, type SamplerState, type Update } from '../urlState';
import { guidanceApplies } from './conditioning';
import type { ModelLabels } from './modelIndex';

interface ConditioningControlsProps {
  state: SamplerState;
  update: Update<SamplerState>;
  /** The model's label names (the manifest's once loaded, else the index's). */
  labels: ModelLabels;
  /** w in effect: the link's, or the index's default for this model. */
  guidance: number;
}

// memo: the sampler panel re-renders at every sampling step; this need not (docs/BENCHMARKS.md §3).
export const ConditioningControls = memo(function ConditioningControls({
  state,
  update,
  labels,
  guidance,
}: ConditioningControlsProps) {
  const { t: tr } = useTranslation();
  const applies = guidanceApplies(state);
  const classChoices = [
    { value: 'random', label: tr('conditioning.random') },
    { value: 'any', label: tr('conditioning.any') },
    ...labels.category.map((name) => ({ value: name, label: classLabel(name) })),
  ];
  const vendorChoices = [
    { value: 'any', label: tr('conditioning.any') },
    // Vendor names are brands (google → Google), the same in every language.
    ...labels.vendor.map((name) => ({ value: name, label: name[0].toUpperCase() + name.slice(1) })),
  ];
  return (
    <div className="controls conditioning-controls" data-testid="conditioning-controls">
      {labels.category.length > 0 && (
        <SelectField
          label={tr('conditioning.class')}
          testId="class-select"
          value={state.class}
          choices={classChoices}
          onChange={(value) => update({ class: value })}
        />
      )}
      {labels.vendor.length > 0 && (
        <SelectField
          label={tr('conditioning.vendor')}
          testId="vendor-select"
          value={state.vendor}
          choices={vendorChoices}
          onChange={(vendor) => update({ vendor })}
        />
      )}
      <NumberField
        label={tr('conditioning.guidance')}
        testId="guidance"
        value={guidance}
        min={0}
        max={MAX_GUIDANCE}
        step={0.5}
        disabled={!applies}
        onChange={(value) => update({ guidance: value })}
      />
      {!applies && (
        <span className="field-note" data-testid="guidance-off">
          {tr('conditioning.guidanceOff')}
        </span>
      )}
    </div>
  );
});
