import type { RefObject } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
import { CanvasFigure } from '../controls/CanvasFigure';
import { Filmstrip, type FilmFrame } from './Filmstrip';
import { classLabel } from '../i18n/labels';
import { downloadPng, gridColumns, tilePng } from './imageGrid';

/**
 * Where the sample run is: what the figures show follows from it. 'waiting': queued behind the
 * other column of a comparison.
 */
export type RunPhase = 'empty' | 'waiting' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

/** A run is under way (started, or stepping). */
export const isRunning = (phase: RunPhase): boolean => phase === 'starting' || phase === 'running';

/** What the figures draw from one run (useRunView's view gives all of it). */
export interface RunFigures {
  phase: RunPhase;
  /** Steps done, for the cancelled / failed note. */
  run: { step: number };
  previewXt: RefObject<HTMLCanvasElement | null>;
  previewX0: RefObject<HTMLCanvasElement | null>;
  output: RefObject<HTMLCanvasElement | null>;
  frames: FilmFrame[];
  size: number;
}

interface SampleFiguresProps {
  view: RunFigures;
  /** data-testid of the result canvas (compare mode names each model's). */
  outputTestId?: string;
  /** Appended to the other test ids in compare mode ("preview-xt-emoji128w-cosine"). */
  testIdSuffix?: string;
  /** Filename stem of the downloads. */
  fileStem?: string;
  /** Hands sample 1 of the finished result, as a PNG, to the explorer. */
  onUseInExplorer?: (png: Blob, name: string) => void;
  /** The category each sample was asked for, when drawn at random: captioned under the result. */
  classes?: string[] | null;
}

/**
 * The sample run's figures. Before the first run: what will appear here (no blank canvases).
 * During a run: x_t and x̂_0 live, every step. When it ends: a filmstrip of x̂_0 at a few steps
 * beside the result, instead of three nearly identical grids (the last x̂_0 *is* the result).
 */
export function SampleFigures({
  view: {
    phase,
    run: { step },
    previewXt,
    previewX0,
    output,
    frames,
    size,
  },
  outputTestId = 'sample-output',
  testIdSuffix = '',
  fileStem = 'snrlab',
  onUseInExplorer,
  classes = null,
}: SampleFiguresProps) {
  const { t: tr } = useTranslation();
  const live = phase === 'running' || phase === 'cancelled' || phase === 'failed';
  const done = phase === 'done';
  const suffix = testIdSuffix ? `-${testIdSuffix}` : '';
  return (
    <div className="sample-panels">
      {phase === 'empty' && (
        <p className="sampler-placeholder" data-testid={`sampler-placeholder${suffix}`}>
          <Trans i18nKey="figures.placeholder" components={{ b: <strong /> }} />
        </p>
      )}
      {phase === 'waiting' && <p className="sampler-placeholder sampler-placeholder-wide">{tr('figures.waiting')}</p>}
      {phase === 'starting' && <p className="sampler-placeholder sampler-placeholder-wide">{tr('figures.starting')}</p>}
      <CanvasFigure
        testId={`preview-xt${suffix}`}
        canvasRef={previewXt}
        label={tr('figures.xtLabel')}
        caption={tr('figures.xtCaption')}
        hidden={!live}
      />
      <CanvasFigure
        testId={`preview-x0${suffix}`}
        canvasRef={previewX0}
        label={tr('figures.x0Label')}
        caption={tr('figures.x0Caption')}
        hidden={!live}
      />
      {done && <Filmstrip frames={frames} size={size} />}
      <figure className="sample-result" hidden={phase === 'empty' || phase === 'waiting'}>
        <canvas
          ref={output}
          data-testid={outputTestId}
          role="img"
          aria-label={tr('figures.resultLabel')}
          hidden={!done}
        />
        {!done && <p className="result-placeholder">{resultNote(phase, step)}</p>}
        {done && classes && (
          // One caption per sample, laid out as the grid above (gridColumns): a teacher sees which
          // class each sample was asked for.
          <ol
            className="sample-classes"
            data-testid={`sample-classes${suffix}`}
            aria-label={tr('conditioning.drawn')}
            style={{ gridTemplateColumns: `repeat(${gridColumns(classes.length)}, 1fr)` }}
          >
            {classes.map((name, i) => (
              <li key={i}>{tr('conditioning.drawnSample', { index: i + 1, name: classLabel(name) })}</li>
            ))}
          </ol>
        )}
        <figcaption>
          {tr('figures.result')}{' '}
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
            {tr('figures.gridPng')}
          </button>
          {onUseInExplorer && (
            <>
              {' '}
              <button
                type="button"
                data-testid="use-in-explorer"
                disabled={!done}
                title={tr('figures.useInExplorerTitle')}
                onClick={() =>
                  output.current &&
                  void tilePng(output.current, size, 0).then((png) => onUseInExplorer(png, `${fileStem}-sample.png`))
                }
              >
                {tr('figures.useInExplorer')}
              </button>
            </>
          )}
        </figcaption>
      </figure>
    </div>
  );
}

function resultNote(phase: RunPhase, step: number): string {
  if (phase === 'cancelled') return translate('figures.cancelled', { step });
  if (phase === 'failed') return translate('figures.failed', { step });
  return translate('figures.resultPending');
}
