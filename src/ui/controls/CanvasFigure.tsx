import type { ReactNode, RefObject } from 'react';

interface CanvasFigureProps {
  testId: string;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** Alternative text for screen readers. */
  label: string;
  caption: ReactNode;
  /** Kept in the DOM (its canvas keeps its pixels and ref) but not shown. */
  hidden?: boolean;
}

/** A pixel-exact canvas with its caption; CSS scales it with `image-rendering: pixelated`. */
export function CanvasFigure({ testId, canvasRef, label, caption, hidden }: CanvasFigureProps) {
  return (
    <figure className="panel" hidden={hidden}>
      <canvas ref={canvasRef} data-testid={testId} role="img" aria-label={label} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
