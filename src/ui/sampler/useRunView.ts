/**
 * One sampling run as the page shows it: phase, step timings, live previews, the filmstrip and the
 * result, for one column (the single sampler has one, compare mode two). `runIn` sends one job to
 * the worker through useModel and feeds this column from its progress events.
 */
import { useCallback, useRef, useState } from 'react';
import type { SampleSettings } from '../../worker/client';
import { filmstripSteps } from './filmstripSteps';
import type { FilmFrame } from './Filmstrip';
import { drawGrid } from './imageGrid';
import { latestPerFrame } from './latestPerFrame';
import { NO_RUN, type RunTimes } from './runTiming';
import type { RunPhase } from './SampleFigures';
import type { JobOutcome, useModel } from './useModel';

interface PreviewFrame {
  /** x_t and x̂_0 of the whole batch, [B, S, S, 3] in [−1, 1]. */
  x: Float32Array;
  x0: Float32Array;
  batch: number;
  size: number;
}

export interface FinishedRun {
  totalMs: number;
  msPerStep: number;
  steps: number;
  stepMs: number[];
  previewCount: number;
}

export function useRunView() {
  const [phase, setPhase] = useState<RunPhase>('empty');
  const [run, setRun] = useState<RunTimes>(NO_RUN);
  const [frames, setFrames] = useState<FilmFrame[]>([]);
  /** S of the run's images (the model's manifest says it). */
  const [size, setSize] = useState(0);
  /** The finished run's images, [B, S, S, 3] in [−1, 1] (null until a run finishes). */
  const [result, setResult] = useState<{ images: Float32Array; batch: number } | null>(null);
  const previewXt = useRef<HTMLCanvasElement>(null);
  const previewX0 = useRef<HTMLCanvasElement>(null);
  const output = useRef<HTMLCanvasElement>(null);
  // Painted at most once a frame; one painter for every run, made on the first (in the event
  // handler: it reads the refs).
  const previewPainter = useRef<ReturnType<typeof latestPerFrame<PreviewFrame>> | null>(null);

  /**
   * Samples `settings` (the λ grid in settings.logSnrs, S = `imageSize`) and shows it here.
   * `more`: another job follows this one (compare mode), so the model's status stays `sampling`.
   */
  const runIn = useCallback(
    async (
      model: ReturnType<typeof useModel>,
      settings: SampleSettings,
      imageSize: number,
      more = false,
      onFinished?: (finished: FinishedRun) => void,
    ): Promise<JobOutcome> => {
      const previews = (previewPainter.current ??= latestPerFrame(({ x, x0, batch, size }: PreviewFrame) => {
        if (previewXt.current) drawGrid(previewXt.current, x, batch, size);
        if (previewX0.current) drawGrid(previewX0.current, x0, batch, size);
      }));
      const { batch } = settings;
      const steps = settings.logSnrs.length - 1;
      const grid = settings.logSnrs.slice(); // the request transfers logSnrs' buffer to the worker
      const keep = new Set(filmstripSteps(grid));
      const kept: FilmFrame[] = [];
      const stepMs: number[] = [];
      let previewCount = 0;
      const startedAt = performance.now();
      setSize(imageSize);
      setResult(null);
      setRun({ ...NO_RUN, steps, startedAt, lastStepAt: startedAt });
      setPhase('starting');
      const outcome = await model.runJob(
        settings,
        (event) => {
          stepMs.push(event.msPerStep);
          const lastStepAt = performance.now();
          setRun((previous) => ({ ...previous, step: event.step, stepMs: stepMs.slice(), lastStepAt }));
          if (!event.preview) return;
          previewCount++;
          if (keep.has(event.step)) {
            const pixels = event.preview.x0.slice(0, imageSize * imageSize * 3); // sample 1 only: [S, S, 3]
            kept.push({ step: event.step, steps, logSnr: grid[event.step - 1], pixels });
          }
          previews.push({ x: event.preview.x, x0: event.preview.x0, batch, size: imageSize });
          setPhase('running');
        },
        (result) => {
          onFinished?.({ totalMs: result.totalMs, msPerStep: result.msPerStep, steps, stepMs, previewCount });
          if (output.current) drawGrid(output.current, result.images, batch, imageSize);
          setFrames(kept);
          setResult({ images: result.images, batch });
          setRun((previous) => ({ ...previous, step: steps, totalMs: result.totalMs }));
          setPhase('done');
        },
        more,
      );
      if (outcome.outcome !== 'done') {
        previews.flush();
        setPhase(outcome.outcome);
      }
      return outcome;
    },
    [],
  );

  return { phase, setPhase, run, frames, size, result, previewXt, previewX0, output, runIn };
}

export type RunView = ReturnType<typeof useRunView>;
