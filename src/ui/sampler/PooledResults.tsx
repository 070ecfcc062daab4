/**
 * Compare mode's coarse view (issue 26): each column's finished result average-pooled to 32 and
 * 16 px, the coarse structure the seed's argument is about (a shifted schedule should win there),
 * drawn as grids like the result and shown at its size, so the columns can be read side by side.
 */
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { averagePoolBatch } from '../../math/image';
import { drawGrid } from './imageGrid';

/** The coarse sizes shown, where the result's size divides into them. */
export const POOLED_SIZES = [32, 16] as const;

interface PooledResultsProps {
  result: { images: Float32Array; batch: number } | null;
  /** S of the result's images. */
  size: number;
  testIdSuffix: string;
}

export function PooledResults({ result, size, testIdSuffix }: PooledResultsProps) {
  const sizes = POOLED_SIZES.filter((to) => to < size && size % to === 0);
  if (!result || sizes.length === 0) return null;
  return (
    <div className="pooled-results">
      {sizes.map((to) => (
        <PooledGrid
          key={to}
          result={result}
          size={size}
          to={to}
          testId={`pooled-${to}-${testIdSuffix}`}
        />
      ))}
    </div>
  );
}

function PooledGrid({
  result,
  size,
  to,
  testId,
}: {
  result: { images: Float32Array; batch: number };
  size: number;
  to: number;
  testId: string;
}) {
  const { t: tr } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    // Pool the result as shown: clipped to [−1, 1] first, as drawGrid clips it (a sample's
    // pixel noise overshoots, and unclipped it would average to another picture than the one seen).
    const shown = result.images.map((value) => Math.min(1, Math.max(-1, value)));
    if (canvas.current) drawGrid(canvas.current, averagePoolBatch(shown, result.batch, size, size / to), result.batch, to);
  }, [result, size, to]);
  return (
    <figure className="panel">
      <canvas ref={canvas} data-testid={testId} role="img" aria-label={tr('compare.pooledLabel', { size: to })} />
      <figcaption>{tr('compare.pooledCaption', { size: to })}</figcaption>
    </figure>
  );
}
