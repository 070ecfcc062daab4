import { memo } from 'react';
import type { RgbImage } from '../../math/image';
import type { AppState } from '../urlState';
import { DenoisePanel } from './DenoisePanel';
import { RunReadout } from './RunReadout';
import { SampleFigures } from './SampleFigures';
import { MODEL_IMAGE_SIZE as SIZE } from './modelPath';
import { SamplerControls } from './SamplerControls';
import { SoftwareAdapterWarning } from './SoftwareAdapterWarning';
import { useModel } from './useModel';
import { useSampler } from './useSampler';
import { useWebGpuAdapter } from './useWebGpuAdapter';
import './sampler.css';

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
  const { phase, run, frames, previewXt, previewX0, output, sample } = useSampler(state, model, onError);

  const fraction = run.steps ? run.step / run.steps : 0;
  return (
    <section className="sampler" aria-labelledby="sampler-title">
      <h2 id="sampler-title">Sample from a pixel-space model, live</h2>
      <p className="explanation">
        A small U-Net{ready ? ` (${(ready.paramCount / 1e6).toFixed(2)} M parameters)` : ''} trained on emoji at 64 px
        (see the model card), conditioned on λ rather than t, so any schedule can drive it. Shift the sampling schedule
        and watch what changes.
      </p>
      <SamplerControls state={state} update={update} />
      <SoftwareAdapterWarning adapter={adapter} onUseWasm={() => update({ backend: 'wasm' })} />
      <div className="controls">
        <button type="button" data-testid="sample-button" disabled={model.busy} onClick={() => void sample()}>
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
