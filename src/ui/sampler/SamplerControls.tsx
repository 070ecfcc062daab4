/**
 * The sampler's settings, all in the URL state: sampler, steps, η, batch, seed, which schedule,
 * the sampling shift (and its link to the lab's schedule shift), and the backend.
 */
import { SAMPLER_IDS, SAMPLERS } from '../../math/samplers';
import { BACKEND_LABELS, BACKENDS, type BackendChoice } from '../../worker/client';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { ShiftLink } from '../controls/ShiftLink';
import { labShift } from '../specs';
import type { AppState } from '../urlState';

/** The sampling shift slider: ±10 nats (the URL's range) in steps of 0.05. */
const SAMPLING_SHIFT_LIMIT = 10;
const SAMPLING_SHIFT_STEP = 0.05;
const nearestSamplingShift = (nats: number) =>
  Math.max(
    -SAMPLING_SHIFT_LIMIT,
    Math.min(SAMPLING_SHIFT_LIMIT, Math.round(nats / SAMPLING_SHIFT_STEP) * SAMPLING_SHIFT_STEP),
  );

const SAMPLER_CHOICES = SAMPLER_IDS.map((id) => ({ value: id, label: SAMPLERS[id].label }));
const SOURCE_CHOICES = [
  { value: 'training', label: "the model's training schedule (from its model.json)" },
  { value: 'lab', label: "the schedule lab's schedule" },
] as const;
const BACKEND_CHOICES: readonly { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'auto' },
  ...BACKENDS.map((name) => ({ value: name, label: BACKEND_LABELS[name] })),
];

interface SamplerControlsProps {
  state: AppState;
  update: (patch: Partial<AppState>) => void;
}

export function SamplerControls({ state, update }: SamplerControlsProps) {
  const labShiftNats = labShift(state);
  return (
    <div className="controls">
      <SelectField
        label="Sampler"
        testId="sampler-select"
        value={state.sampler}
        choices={SAMPLER_CHOICES}
        onChange={(sampler) => update({ sampler })}
      />
      <NumberField
        label="steps"
        testId="sample-steps"
        value={state.steps}
        min={1}
        max={1000}
        integer
        onChange={(steps) => update({ steps })}
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
        label="batch"
        testId="batch-input"
        value={state.batch}
        min={1}
        max={16}
        integer
        onChange={(batch) => update({ batch })}
      />
      <NumberField
        label="seed"
        testId="sample-seed"
        value={state.seed}
        min={0}
        max={4294967295}
        integer
        onChange={(seed) => update({ seed })}
      />
      <SelectField
        label="Schedule"
        testId="sample-source"
        value={state.source}
        choices={SOURCE_CHOICES}
        onChange={(source) => update({ source })}
      />
      <label>
        sampling shift (sampler) {state.sshift.toFixed(2)} nats{' '}
        <input
          type="range"
          min={-SAMPLING_SHIFT_LIMIT}
          max={SAMPLING_SHIFT_LIMIT}
          step={SAMPLING_SHIFT_STEP}
          value={state.sshift}
          data-testid="sample-shift"
          aria-label="sampling schedule shift in nats"
          onChange={(event) => update({ sshift: Number(event.target.value) })}
        />
      </label>
      {state.source === 'lab' ? (
        <span className="shift-link" data-testid="sample-shift-link" data-linked="true">
          added to the lab&apos;s own schedule shift ({labShiftNats.toFixed(3)} nats)
        </span>
      ) : (
        <ShiftLink
          testId="sample-shift-link"
          matches={Math.abs(state.sshift - labShiftNats) < SAMPLING_SHIFT_STEP / 2}
          matchText="the lab's schedule shift"
          buttonText={`Use the lab's schedule shift (${labShiftNats.toFixed(2)} nats)`}
          onLink={() => update({ sshift: nearestSamplingShift(labShiftNats) })}
        />
      )}
      <SelectField
        label="Backend"
        testId="backend-select"
        value={state.backend}
        choices={BACKEND_CHOICES}
        onChange={(backend) => update({ backend })}
      />
    </div>
  );
}
