import { memo, useMemo, useRef, useState } from 'react';
import { SAMPLER_IDS, SAMPLERS } from '../../math/samplers';
import type { RgbImage } from '../../math/image';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { ShiftLink } from '../controls/ShiftLink';
import { labShift, samplingSpec } from '../specs';
import { hooks } from '../testHooks';
import { BACKEND_LABELS, BACKENDS, type BackendChoice } from '../../worker/client';
import type { AppState } from '../urlState';
import { DenoisePanel } from './DenoisePanel';
import { filmstripSteps } from './filmstripSteps';
import type { FilmFrame } from './Filmstrip';
import { drawGrid } from './imageGrid';
import { latestPerFrame } from './latestPerFrame';
import { RunReadout } from './RunReadout';
import { NO_RUN, type RunTimes } from './runTiming';
import { SampleFigures, type RunPhase } from './SampleFigures';
import { samplingLogSnrs } from '../../math/samplingGrid';
import { SoftwareAdapterWarning } from './SoftwareAdapterWarning';
import { useModel } from './useModel';
import { useWebGpuAdapter } from './useWebGpuAdapter';
import './sampler.css';

const SIZE = 64;
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
  { value: 'training', label: "the model's training schedule (cosine)" },
  { value: 'lab', label: "the schedule lab's schedule" },
] as const;
const BACKEND_CHOICES: readonly { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'auto' },
  ...BACKENDS.map((name) => ({ value: name, label: BACKEND_LABELS[name] })),
];

interface SamplerPanelProps {
  state: AppState;
  update: (patch: Partial<AppState>) => void;
  onError: (message: string | null) => void;
  /** The explorer's clean image at H, for "denoise my image". */
  getImage: () => RgbImage | null;
}

/** Live sampling from the pretrained model, and what it makes of the user's image. */
export const SamplerPanel = memo(function SamplerPanel({ state, update, onError, getImage }: SamplerPanelProps) {
  const model = useModel(state.backend, onError);
  const { status, ready, loading, notice } = model;
  const adapter = useWebGpuAdapter(model.client, state.backend);
  const [phase, setPhase] = useState<RunPhase>('empty');
  const [run, setRun] = useState<RunTimes>(NO_RUN);
  const [frames, setFrames] = useState<FilmFrame[]>([]);
  const labShiftNats = labShift(state);
  const previewXt = useRef<HTMLCanvasElement>(null);
  const previewX0 = useRef<HTMLCanvasElement>(null);
  const output = useRef<HTMLCanvasElement>(null);

  // x_t and x̂_0 of the whole batch, [B, 64, 64, 3] in [−1, 1], painted at most once a frame.
  const previews = useMemo(
    () =>
      latestPerFrame(({ x, x0, batch }: { x: Float32Array; x0: Float32Array; batch: number }) => {
        if (previewXt.current) drawGrid(previewXt.current, x, batch, SIZE);
        if (previewX0.current) drawGrid(previewX0.current, x0, batch, SIZE);
      }),
    [],
  );

  const onSample = async () => {
    let logSnrs: Float64Array;
    try {
      logSnrs = samplingLogSnrs(samplingSpec(state));
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    onError(null);
    if (!(await model.ensureModel())) return;
    const { batch } = state;
    const steps = logSnrs.length - 1;
    const grid = logSnrs.slice(); // the request transfers logSnrs' buffer to the worker
    const keep = new Set(filmstripSteps(grid));
    const kept: FilmFrame[] = [];
    const stepMs: number[] = [];
    let previewCount = 0;
    const startedAt = performance.now();
    setRun({ ...NO_RUN, steps, startedAt, lastStepAt: startedAt });
    setPhase('starting');
    const outcome = await model.runJob(
      // Previews every step: a copy and a transfer of [B, 64, 64, 3] floats costs far less than a step.
      { sampler: state.sampler, logSnrs, eta: state.eta, seed: state.seed, batch, previewEvery: 1 },
      (event) => {
        stepMs.push(event.msPerStep);
        const lastStepAt = performance.now();
        setRun((previous) => ({ ...previous, step: event.step, stepMs: stepMs.slice(), lastStepAt }));
        if (!event.preview) return;
        previewCount++;
        if (keep.has(event.step)) {
          const pixels = event.preview.x0.slice(0, SIZE * SIZE * 3); // sample 1 only: [64, 64, 3]
          kept.push({ step: event.step, steps, logSnr: grid[event.step - 1], pixels });
        }
        previews.push({ x: event.preview.x, x0: event.preview.x0, batch });
        setPhase('running');
      },
      (result) => {
        hooks().lastSample = { totalMs: result.totalMs, msPerStep: result.msPerStep, steps, stepMs, previewCount };
        if (output.current) drawGrid(output.current, result.images, batch, SIZE);
        setFrames(kept);
        setRun((previous) => ({ ...previous, step: steps, totalMs: result.totalMs }));
        setPhase('done');
      },
    );
    if (outcome.outcome !== 'done') {
      previews.flush();
      setPhase(outcome.outcome);
    }
  };

  const fraction = run.steps ? run.step / run.steps : 0;
  return (
    <section className="sampler" aria-labelledby="sampler-title">
      <h2 id="sampler-title">Sample from a pixel-space model, live</h2>
      <p className="explanation">
        A small U-Net{ready ? ` (${(ready.paramCount / 1e6).toFixed(2)} M parameters)` : ''} trained on emoji at 64 px
        (see the model card), conditioned on λ rather than t, so any schedule can drive it. Shift the sampling schedule
        and watch what changes.
      </p>
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
      <SoftwareAdapterWarning adapter={adapter} onUseWasm={() => update({ backend: 'wasm' })} />
      <div className="controls">
        <button type="button" data-testid="sample-button" disabled={model.busy} onClick={() => void onSample()}>
          Sample
        </button>
        <button type="button" data-testid="cancel-button" disabled={status !== 'sampling'} onClick={model.cancel}>
          Cancel
        </button>
        <progress
          data-testid="sample-progress"
          max={1}
          value={loading ? loading.fraction : fraction}
          aria-label="sampling progress"
        />
        <output data-testid="sample-status">{loading ? `${status}: ${loading.phase}` : status}</output>
      </div>
      <RunReadout ready={ready} run={run} running={phase === 'starting' || phase === 'running'} />
      {notice && (
        <p className="notices" data-testid="sampler-notice">
          {notice}
        </p>
      )}
      <SampleFigures
        phase={phase}
        step={run.step}
        previewXt={previewXt}
        previewX0={previewX0}
        output={output}
        frames={frames}
        size={SIZE}
      />
      <DenoisePanel state={state} model={model} size={SIZE} onError={onError} getImage={getImage} />
    </section>
  );
});
