/**
 * The one place that turns the link's sampler settings into what the worker is asked to sample (a
 * SampleSettings): the single run, each column of compare mode and "denoise my image"'s resample
 * all build it here, so a new setting reaches the three at once. Pure, so it is unit-tested.
 */
import type { LogSnrGrid } from '../../math/logSnr';
import type { Conditioning, SampleSettings } from '../../worker/client';
import type { AppState } from '../urlState';

/** What a run adds to the link's settings. */
export interface SampleRun {
  /** The loaded model's folder URL. */
  modelUrl: string;
  /** The λ grid, noisy → clean (steps + 1 values). */
  logSnrs: LogSnrGrid;
  /** The labels and guidance asked (askLabels). */
  conditioning: Conditioning;
  /** Images to sample; by default the link's `batch`. */
  batch?: number;
  /** SDEdit: start from this x ([B, S, S, 3]) at logSnrs[0] instead of from pure noise. */
  start?: Float32Array;
}

/** Previews every step: a copy and a transfer of [B, S, S, 3] floats costs far less than a step. */
const PREVIEW_EVERY = 1;

export function sampleSettings(
  state: Pick<AppState, 'sampler' | 'eta' | 'seed' | 'batch'>,
  run: SampleRun,
): SampleSettings {
  const { modelUrl, logSnrs, conditioning, batch = state.batch, start } = run;
  return {
    modelUrl,
    sampler: state.sampler,
    logSnrs,
    eta: state.eta,
    seed: state.seed,
    batch,
    previewEvery: PREVIEW_EVERY,
    ...(start ? { start } : {}),
    ...conditioning,
  };
}
