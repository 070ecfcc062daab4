import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { drawGrid } from './imageGrid';

export interface FilmFrame {
  /** 1-based step after which this x̂_0 arrived, of `steps`. */
  step: number;
  steps: number;
  /** The λ the model saw when it made this guess. */
  logSnr: number;
  /** x̂_0 of the batch's first sample: [S, S, 3] in [−1, 1]. */
  pixels: Float32Array;
}

interface FilmstripProps {
  frames: FilmFrame[];
  size: number;
}

/** The model's guess x̂_0 for one sample at a few steps of a finished run: how it sharpened. */
export function Filmstrip({ frames, size }: FilmstripProps) {
  const { t: tr } = useTranslation();
  return (
    <figure className="filmstrip" data-testid="sample-filmstrip">
      <ol className="filmstrip-frames">
        {frames.map((frame) => (
          <FilmFrameView key={frame.step} frame={frame} size={size} />
        ))}
      </ol>
      <figcaption>{tr('filmstrip.caption', { frames: frames.length, steps: frames[0]?.steps ?? 0 })}</figcaption>
    </figure>
  );
}

function FilmFrameView({ frame, size }: { frame: FilmFrame; size: number }) {
  const { t: tr } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (canvas.current) drawGrid(canvas.current, frame.pixels, 1, size);
  }, [frame, size]);
  return (
    <li>
      <canvas
        ref={canvas}
        data-testid="filmstrip-frame"
        data-step={frame.step}
        role="img"
        aria-label={tr('filmstrip.frameLabel', { step: frame.step, steps: frame.steps })}
      />
      <span>{tr('filmstrip.step', { step: frame.step })}</span>
      <span>λ {frame.logSnr.toFixed(1).replace('-', '−')}</span>
    </li>
  );
}
