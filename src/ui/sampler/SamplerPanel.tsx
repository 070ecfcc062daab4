import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { areaResize, type RgbImage } from '../../math/image';
import { alphaFromLogSnr, sigmaFromLogSnr } from '../../math/logSnr';
import { gaussianNoise } from '../../math/rng';
import { SAMPLER_IDS, SAMPLERS } from '../../math/samplers';
import { ModelClient, type Ready } from '../../worker/client';
import type { InitPhase } from '../../worker/protocol';
import { CanvasFigure } from '../controls/CanvasFigure';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';
import { hooks } from '../testHooks';
import type { AppState } from '../urlState';
import { drawGrid, downloadPng } from './imageGrid';
import { samplingLogSnrs, samplingSchedule } from './samplingGrid';

/** Where the shipped model lives, relative to the page. */
const MODEL_PATH = './models/emoji64/';
const SIZE = 64;

const SAMPLER_CHOICES = SAMPLER_IDS.map((id) => ({ value: id, label: SAMPLERS[id].label }));
const SOURCE_CHOICES = [
  { value: 'training', label: "the model's training schedule (cosine)" },
  { value: 'lab', label: "the schedule lab's schedule" },
] as const;
const BACKEND_CHOICES = [
  { value: 'auto', label: 'auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'CPU' },
] as const;

type Status = 'idle' | 'loading' | 'ready' | 'sampling' | 'done' | 'cancelled' | 'error';

interface SamplerPanelProps {
  state: AppState;
  update: (patch: Partial<AppState>) => void;
  onError: (message: string | null) => void;
  /** The explorer's clean image at H, for "denoise my image". */
  getImage: () => RgbImage | null;
}

/** Live sampling from the pretrained model, and what it makes of the user's image. */
export const SamplerPanel = memo(function SamplerPanel({ state, update, onError, getImage }: SamplerPanelProps) {
  const [status, setStatus] = useState<Status>('idle');
  const [ready, setReady] = useState<Ready | null>(null);
  const [loading, setLoading] = useState<{ phase: InitPhase; fraction: number } | null>(null);
  const [progress, setProgress] = useState({ step: 0, steps: 0, msPerStep: 0, totalMs: 0 });
  const [notice, setNotice] = useState<string | null>(null);
  const clientRef = useRef<ModelClient | null>(null);
  const loadedBackend = useRef<string | null>(null);
  const runningId = useRef<number | null>(null);
  const previewXt = useRef<HTMLCanvasElement>(null);
  const previewX0 = useRef<HTMLCanvasElement>(null);
  const output = useRef<HTMLCanvasElement>(null);
  const denoiseXt = useRef<HTMLCanvasElement>(null);
  const denoiseX0 = useRef<HTMLCanvasElement>(null);
  const denoiseResample = useRef<HTMLCanvasElement>(null);
  const [outputBatch, setOutputBatch] = useState(0);

  useEffect(() => () => clientRef.current?.dispose(), []);

  const client = useCallback((): ModelClient => {
    if (!clientRef.current) {
      clientRef.current = new ModelClient({
        onBackendLost: (message, backend) => {
          setNotice(message);
          setReady((previous) => (previous ? { ...previous, backend, adapter: 'after a fallback' } : previous));
        },
        onCrash: (message) => {
          setNotice(message);
          loadedBackend.current = null;
          setReady(null);
        },
      });
      hooks().model = clientRef.current;
    }
    return clientRef.current;
  }, []);

  // Created at mount (the worker itself starts only with the first request), so tests can reach it.
  useEffect(() => void client(), [client]);

  /** Loads (or reloads, after a backend change) the model; returns false on failure. */
  const ensureModel = useCallback(async (): Promise<boolean> => {
    if (loadedBackend.current === state.backend && ready) return true;
    setStatus('loading');
    try {
      const modelUrl = new URL(MODEL_PATH, document.baseURI).href;
      const result = await client().init(state.backend, modelUrl, (phase, fraction) => setLoading({ phase, fraction }));
      loadedBackend.current = state.backend;
      hooks().lastReady = result;
      setReady(result);
      setNotice(result.fallbacks.length ? `Fell back: ${result.fallbacks.join('; ')}` : null);
      setStatus('ready');
      return true;
    } catch (error) {
      loadedBackend.current = null;
      setReady(null);
      setStatus('error');
      onError(
        `The model could not be loaded: ${(error as Error).message} The explorer and the schedule lab still work.`,
      );
      return false;
    } finally {
      setLoading(null);
    }
  }, [client, state.backend, ready, onError]);

  const runSample = useCallback(
    async (logSnrs: Float64Array, batch: number, start: Float32Array | undefined, target: HTMLCanvasElement | null) => {
      if (!(await ensureModel())) return;
      // Read before the request transfers the buffer to the worker (which empties it here).
      const steps = logSnrs.length - 1;
      setStatus('sampling');
      setProgress({ step: 0, steps, msPerStep: 0, totalMs: 0 });
      const job = client().sample(
        {
          sampler: state.sampler,
          logSnrs,
          eta: state.eta,
          seed: state.seed,
          batch,
          previewEvery: Math.max(1, Math.round(steps / 10)),
          start,
        },
        (event) => {
          setProgress((previous) => ({
            ...previous,
            step: event.step,
            steps: event.steps,
            msPerStep: event.msPerStep,
          }));
          if (event.preview && previewXt.current && previewX0.current) {
            drawGrid(previewXt.current, event.preview.x, batch, SIZE);
            drawGrid(previewX0.current, event.preview.x0, batch, SIZE);
          }
        },
      );
      runningId.current = job.id;
      try {
        const result = await job.done;
        if (!result) {
          setStatus('cancelled');
          return;
        }
        hooks().lastSample = { totalMs: result.totalMs, msPerStep: result.msPerStep, steps };
        if (target) drawGrid(target, result.images, batch, SIZE);
        if (target === output.current) setOutputBatch(batch);
        setProgress((previous) => ({
          ...previous,
          step: previous.steps,
          msPerStep: result.msPerStep,
          totalMs: result.totalMs,
        }));
        setStatus('done');
      } catch (error) {
        setStatus('error');
        onError(`Sampling failed: ${(error as Error).message}`);
      } finally {
        runningId.current = null;
      }
    },
    [client, ensureModel, onError, state.sampler, state.eta, state.seed],
  );

  const onSample = () => {
    let logSnrs: Float64Array;
    try {
      logSnrs = samplingLogSnrs(state);
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    onError(null);
    void runSample(logSnrs, state.batch, undefined, output.current);
  };

  /** The explorer's image at 64 px, noised to the explorer's t on the sampling schedule. */
  const onDenoiseImage = async () => {
    const image = getImage();
    if (!image) {
      onError('Load an image in the explorer first.');
      return;
    }
    if (!(await ensureModel())) return;
    const small = areaResize(image, SIZE, SIZE).data; // [64, 64, 3], exactly the average pool for H = 64·k
    const t = Math.min(state.t, 0.999);
    const logSnr = samplingSchedule(state).logSnr(t);
    const alpha = alphaFromLogSnr(logSnr);
    const sigma = sigmaFromLogSnr(logSnr);
    const noise = gaussianNoise(small.length, state.seed, 2000);
    const noisy = small.map((v, i) => alpha * v + sigma * noise[i]);
    if (denoiseXt.current) drawGrid(denoiseXt.current, noisy, 1, SIZE);
    try {
      const { x0 } = await client().denoise(noisy.slice(), 1, Float64Array.of(logSnr));
      if (denoiseX0.current) drawGrid(denoiseX0.current, x0, 1, SIZE);
      const grid = samplingLogSnrs(state, t);
      await runSample(grid, 1, noisy, denoiseResample.current);
    } catch (error) {
      onError(`Denoising failed: ${(error as Error).message}`);
    }
  };

  const fraction = progress.steps ? progress.step / progress.steps : 0;
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
          shift {state.sshift.toFixed(2)} nats{' '}
          <input
            type="range"
            min={-6}
            max={6}
            step={0.05}
            value={state.sshift}
            data-testid="sample-shift"
            aria-label="sampling schedule shift in nats"
            onChange={(event) => update({ sshift: Number(event.target.value) })}
          />
        </label>
        <SelectField
          label="Backend"
          testId="backend-select"
          value={state.backend}
          choices={BACKEND_CHOICES}
          onChange={(backend) => update({ backend })}
        />
      </div>
      <div className="controls">
        <button
          type="button"
          data-testid="sample-button"
          disabled={status === 'sampling' || status === 'loading'}
          onClick={onSample}
        >
          Sample
        </button>
        <button
          type="button"
          data-testid="cancel-button"
          disabled={status !== 'sampling'}
          onClick={() => runningId.current !== null && clientRef.current?.cancel(runningId.current)}
        >
          Cancel
        </button>
        <button
          type="button"
          data-testid="denoise-image"
          disabled={status === 'sampling' || status === 'loading'}
          onClick={() => void onDenoiseImage()}
        >
          Denoise my image at t = {state.t.toFixed(2)}
        </button>
        <progress
          data-testid="sample-progress"
          max={1}
          value={loading ? loading.fraction : fraction}
          aria-label="sampling progress"
        />
        <output data-testid="sample-status">{loading ? `${status}: ${loading.phase}` : status}</output>
      </div>
      <p className="readout-line">
        Backend:{' '}
        <output data-testid="backend-name">{ready ? `${ready.backend} — ${ready.adapter}` : 'not loaded'}</output>
        {' · '}step {progress.step}/{progress.steps} ·{' '}
        <output data-testid="ms-per-step" data-value={String(progress.msPerStep)}>
          {progress.msPerStep.toFixed(0)}
        </output>{' '}
        ms/step · total{' '}
        <output data-testid="sample-total-ms" data-value={String(progress.totalMs)}>
          {(progress.totalMs / 1000).toFixed(2)}
        </output>{' '}
        s
      </p>
      {notice && (
        <p className="notices" data-testid="sampler-notice">
          {notice}
        </p>
      )}
      <div className="sample-panels">
        <CanvasFigure testId="preview-xt" canvasRef={previewXt} label="x_t during sampling" caption="x_t (current)" />
        <CanvasFigure
          testId="preview-x0"
          canvasRef={previewX0}
          label="the model's x̂_0 during sampling"
          caption="x̂_0 (the model's guess)"
        />
        <figure>
          <canvas ref={output} data-testid="sample-output" role="img" aria-label="the finished samples" />
          <figcaption>
            result{' '}
            <button
              type="button"
              data-testid="download-png"
              disabled={!outputBatch}
              onClick={() => output.current && downloadPng(output.current, 'snrlab-sample.png', SIZE, 0)}
            >
              PNG
            </button>{' '}
            <button
              type="button"
              data-testid="download-grid"
              disabled={!outputBatch}
              onClick={() => output.current && downloadPng(output.current, 'snrlab-grid.png', SIZE)}
            >
              grid PNG
            </button>
          </figcaption>
        </figure>
      </div>
      <h3>What the model sees at this SNR</h3>
      <div className="sample-panels">
        <CanvasFigure
          testId="denoise-xt"
          canvasRef={denoiseXt}
          label="your image at 64 px, noised"
          caption="your image at 64 px, noised to t"
        />
        <CanvasFigure
          testId="denoise-x0"
          canvasRef={denoiseX0}
          label="the model's one-step x̂_0"
          caption="one model call: x̂_0"
        />
        <CanvasFigure
          testId="denoise-resample"
          canvasRef={denoiseResample}
          label="resampled from t"
          caption="resampled from t (SDEdit)"
        />
      </div>
    </section>
  );
});
