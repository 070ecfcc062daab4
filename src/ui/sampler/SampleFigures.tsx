import type { RefObject } from 'react';
import { CanvasFigure } from '../controls/CanvasFigure';
import { Filmstrip, type FilmFrame } from './Filmstrip';
import { downloadPng, tilePng } from './imageGrid';

/**
 * Where the sample run is: what the figures show follows from it. 'waiting': queued behind the
 * other column of a comparison.
 */
export type RunPhase = 'empty' | 'waiting' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

interface SampleFiguresProps {
  phase: RunPhase;
  /** Steps done, for the cancelled / failed note. */
  step: number;
  previewXt: RefObject<HTMLCanvasElement | null>;
  previewX0: RefObject<HTMLCanvasElement | null>;
  output: RefObject<HTMLCanvasElement | null>;
  frames: FilmFrame[];
  size: number;
  /** data-testid of the result canvas (compare mode names each model's). */
  outputTestId?: string;
  /** Appended to the other test ids in compare mode ("preview-xt-emoji128-cosine"). */
  testIdSuffix?: string;
  /** Filename stem of the downloads. */
  fileStem?: string;
  /** Hands sample 1 of the finished result, as a PNG, to the explorer. */
  onUseInExplorer?: (png: Blob, name: string) => void;
}

/**
 * The sample run's figures. Before the first run: what will appear here (no blank canvases).
 * During a run: x_t and x̂_0 live, every step. When it ends: a filmstrip of x̂_0 at a few steps
 * beside the result, instead of three nearly identical grids (the last x̂_0 *is* the result).
 */
export function SampleFigures({
  phase,
  step,
  previewXt,
  previewX0,
  output,
  frames,
  size,
  outputTestId = 'sample-output',
  testIdSuffix = '',
  fileStem = 'snrlab',
  onUseInExplorer,
}: SampleFiguresProps) {
  const live = phase === 'running' || phase === 'cancelled' || phase === 'failed';
  const done = phase === 'done';
  const suffix = testIdSuffix ? `-${testIdSuffix}` : '';
  return (
    <div className="sample-panels">
      {phase === 'empty' && (
        <p className="sampler-placeholder" data-testid={`sampler-placeholder${suffix}`}>
          Press <strong>Sample</strong>: the model starts from pure noise and removes it step by step. Here you will see
          xₜ, the sample so far, and x̂₀, the model&apos;s guess of the clean image, at every step; when the run ends, a
          filmstrip of how that guess sharpened beside the finished samples.
        </p>
      )}
      {phase === 'waiting' && (
        <p className="sampler-placeholder sampler-placeholder-wide">
          Waiting for the other model: the worker samples one model at a time, from the same noise.
        </p>
      )}
      {phase === 'starting' && (
        <p className="sampler-placeholder sampler-placeholder-wide">
          The first step is running; xₜ and x̂₀ appear after it.
        </p>
      )}
      <CanvasFigure
        testId={`preview-xt${suffix}`}
        canvasRef={previewXt}
        label="x_t during sampling"
        caption="x_t (current)"
        hidden={!live}
      />
      <CanvasFigure
        testId={`preview-x0${suffix}`}
        canvasRef={previewX0}
        label="the model's x̂_0 during sampling"
        caption="x̂_0 (the model's guess)"
        hidden={!live}
      />
      {done && <Filmstrip frames={frames} size={size} />}
      <figure className="sample-result" hidden={phase === 'empty' || phase === 'waiting'}>
        <canvas ref={output} data-testid={outputTestId} role="img" aria-label="the finished samples" hidden={!done} />
        {!done && <p className="result-placeholder">{resultNote(phase, step)}</p>}
        <figcaption>
          result{' '}
          <button
            type="button"
            data-testid={`download-png${suffix}`}
            disabled={!done}
            onClick={() => output.current && downloadPng(output.current, `${fileStem}-sample.png`, size, 0)}
          >
            PNG
          </button>{' '}
          <button
            type="button"
            data-testid={`download-grid${suffix}`}
            disabled={!done}
            onClick={() => output.current && downloadPng(output.current, `${fileStem}-grid.png`, size)}
          >
            grid PNG
          </button>
          {onUseInExplorer && (
            <>
              {' '}
              <button
                type="button"
                data-testid="use-in-explorer"
                disabled={!done}
                title="Make sample 1 the explorer's image (upscaled to H, blocky) and go there"
                onClick={() =>
                  output.current &&
                  void tilePng(output.current, size, 0).then((png) => onUseInExplorer(png, `${fileStem}-sample.png`))
                }
              >
                Use in explorer
              </button>
            </>
          )}
        </figcaption>
      </figure>
    </div>
  );
}

function resultNote(phase: RunPhase, step: number): string {
  if (phase === 'cancelled') return `Cancelled after step ${step}: no result. xₜ and x̂₀ show where it stopped.`;
  if (phase === 'failed') return `The run failed after step ${step}: no result.`;
  return 'The finished samples appear here when the run ends.';
}
