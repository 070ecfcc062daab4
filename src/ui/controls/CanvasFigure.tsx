import type { ReactNode, RefObject } from 'react';

interface CanvasFigureProps {
  testId: string;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Alternative text for screen readers. */
  label: string;
  caption: ReactNode;
}

/** A pixel-exact canvas with its caption; CSS scales it with `image-rendering: pixelated`. */
export function CanvasFigure({ testId, canvasRef, label, caption }: CanvasFigureProps) {
  return (
    <figure className="panel">
      <canvas ref={canvasRef} data-testid={testId} role="img" aria-label={label} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
