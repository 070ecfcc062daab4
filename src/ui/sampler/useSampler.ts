/**
 * One sample run from the pretrained model: the λ grid from the URL state, the worker job, and what
 * the run shows while it goes (phase, step timings, live previews, the filmstrip, the result).
 */
import { useRef, useState } from 'react';
import { samplingLogSnrs } from '../../math/samplingGrid';
import { samplingSpec } from '../specs';
import { hooks } from '../testHooks';
import type { AppState } from '../urlState';
import { filmstripSteps } from './filmstripSteps';
import type { FilmFrame } from './Filmstrip';
import { drawGrid } from './imageGrid';
import { latestPerFrame } from './latestPerFrame';
import { NO_RUN, type RunTimes } from './runTiming';
import { MODEL_IMAGE_SIZE as SIZE } from './modelPath';
import type { RunPhase } from './SampleFigures';
import type { useModel } from './useModel';

interface PreviewFrame {
  x: Float32Array;
  x0: Float32Array;
  batch: number;
}

export function useSampler(
  state: AppState,
  model: ReturnType<typeof useModel>,
  onError: (message: string | null) => void,
) {
  const [phase, setPhase] = useState<RunPhase>('empty');
  const [run, setRun] = useState<RunTimes>(NO_RUN);
  const [frames, setFrames] = useState<FilmFrame[]>([]);
  const previewXt = useRef<HTMLCanvasElement>(null);
  const previewX0 = useRef<HTMLCanvasElement>(null);
  const output = useRef<HTMLCanvasElement>(null);

  // x_t and x̂_0 of the whole batch, [B, 64, 64, 3] in [−1, 1], painted at most once a frame;
  // one painter for every run, made on the first (in the event handler: it reads the refs).
  const previewPainter = useRef<ReturnType<typeof latestPerFrame<PreviewFrame>> | null>(null);

  const onSample = async () => {
    const previews = (previewPainter.current ??= latestPerFrame(({ x, x0, batch }: PreviewFrame) => {
      if (previewXt.current) drawGrid(previewXt.current, x, batch, SIZE);
      if (previewX0.current) drawGrid(previewX0.current, x0, batch, SIZE);
    }));
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

  return { phase, run, frames, previewXt, previewX0, output, sample: onSample };
}
