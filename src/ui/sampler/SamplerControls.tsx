/**
 * The sampler's settings, all in the URL state: sampler, steps, η, batch, seed, which schedule,
 * the sampling shift (and its link to the lab's schedule shift), and the backend.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { SAMPLER_IDS, SAMPLERS } from '../../math/samplers';
import { SPACINGS } from '../../math/spacing';
import { BACKEND_LABELS, BACKENDS, type BackendChoice } from '../../worker/client';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { ShiftLink } from '../controls/ShiftLink';
import { labShift } from '../specs';
import type { SamplerState, Update } from '../urlState';

/** The sampling shift slider: ±10 nats (the URL's range) in steps of 0.05. */
const SAMPLING_SHIFT_LIMIT = 10;
const SAMPLING_SHIFT_STEP = 0.05;
const nearestSamplingShift = (nats: number) =>
  Math.max(
    -SAMPLING_SHIFT_LIMIT,
    Math.min(SAMPLING_SHIFT_LIMIT, Math.round(nats / SAMPLING_SHIFT_STEP) * SAMPLING_SHIFT_STEP),
  );

interface SamplerControlsProps {
  state: SamplerState;
  update: Update<SamplerState>;
}

// memo: the sampler panel re-renders at every sampling step; this need not (docs/BENCHMARKS.md §3).
export const SamplerControls = memo(function SamplerControls({ state, update }: SamplerControlsProps) {
  const { t: tr } = useTranslation();
  const samplerChoices = SAMPLER_IDS.map((id) => ({
    value: id,
    label: tr(`samplers.${id}`, { defaultValue: SAMPLERS[id].label }),
  }));
  const sourceChoices = [
    { value: 'training', label: tr('sampler.sourceTraining') },
    { value: 'lab', label: tr('sampler.sourceLab') },
  ] as const;
  const backendChoices: readonly { value: BackendChoice; label: string }[] = [
    { value: 'auto', label: tr('sampler.backendAuto') },
    ...BACKENDS.map((name) => ({ value: name, label: BACKEND_LABELS[name] })),
  ];
  const spacingChoices = SPACINGS.map((spacing) => ({ value: spacing, label: tr(`lab.spacing.${spacing}`) }));
  const labShiftNats = labShift(state);
  return (
    <div className="controls">
      <SelectField
        label={tr('sampler.sampler')}
        testId="sampler-select"
        value={state.sampler}
        choices={samplerChoices}
        onChange={(sampler) => update({ sampler })}
      />
      <NumberField
        label={tr('sampler.steps')}
        testId="sample-steps"
        value={state.steps}
        min={1}
        max={1000}
        integer
        onChange={(steps) => update({ steps })}
      />
      <SelectField
        label={tr('sampler.spacing')}
        testId="spacing-select"
        value={state.spacing}
        choices={spacingChoices}
        onChange={(spacing) => update({ spacing })}
      />
      {state.sampler === 'ddim' && (
        <NumberField
          label="η"
          testId="eta-input"
          value={state.eta}
          min={0}
          max={1}
          step={0.1}
          onChange={(eta) => update({ eta })}
        />
      )}
      <NumberField
        label={tr('sampler.batch')}
        testId="batch-input"
        value={state.batch}
        min={1}
        max={16}
        integer
        onChange={(batch) => update({ batch })}
      />
      <NumberField
        label={tr('sampler.seed')}
        testId="sample-seed"
        value={state.seed}
        min={0}
        max={4294967295}
        integer
        onChange={(seed) => update({ seed })}
      />
      <SelectField
        label={tr('common.schedule')}
        testId="sample-source"
        value={state.source}
        choices={sourceChoices}
        onChange={(source) => update({ source })}
      />
      <label>
        {tr('sampler.shift', { shift: state.sshift.toFixed(2) })}{' '}
        <input
          type="range"
          min={-SAMPLING_SHIFT_LIMIT}
          max={SAMPLING_SHIFT_LIMIT}
          step={SAMPLING_SHIFT_STEP}
          value={state.sshift}
          data-testid="sample-shift"
          aria-label={tr('sampler.shiftLabel')}
          onChange={(event) => update({ sshift: Number(event.target.value) })}
        />
      </label>
      {state.source === 'lab' ? (
        <span className="shift-link" data-testid="sample-shift-link" data-linked="true">
          {tr('sampler.addedToLab', { shift: labShiftNats.toFixed(3) })}
        </span>
      ) : (
        <ShiftLink
          testId="sample-shift-link"
          matches={Math.abs(state.sshift - labShiftNats) < SAMPLING_SHIFT_STEP / 2}
          matchText={tr('sampler.matchLab')}
          buttonText={tr('sampler.useLab', { shift: labShiftNats.toFixed(2) })}
          onLink={() => update({ sshift: nearestSamplingShift(labShiftNats) })}
        />
      )}
      {state.spacing === 'uniform-logsnr' && (
        <p className="control-note" data-testid="shift-inert-note">
          {tr('sampler.shiftInertNote')}
        </p>
      )}
      <SelectField
        label={tr('sampler.backend')}
        testId="backend-select"
        value={state.backend}
        choices={backendChoices}
        onChange={(backend) => update({ backend })}
      />
    </div>
  );
});
