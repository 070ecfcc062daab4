import { Suspense, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstPaint } from '../firstPaint';
import { useApproached } from './offScreen';

/**
 * Wraps a lazily loaded chart. recharts is most of the app's script, so the charts come in their
 * own chunk, requested only once the image panels have painted (rendering a lazy component is what
 * fetches it), and each chart mounts only when it first comes near the screen: at 1280×900 none
 * is on screen at load, and mounting all of them took ~1 s of main thread just when the first
 * sample wanted it (docs/BENCHMARKS.md §3). Until then a placeholder of the chart's height keeps
 * the layout from jumping. The slot (`chart-slot-<name>`) is what a test scrolls to, as a user would.
 */
export function ChartSuspense({ name, height, children }: { name: string; height: number; children: ReactNode }) {
  const { t: tr } = useTranslation();
  const slot = useRef<HTMLDivElement>(null);
  const painted = useAfterFirstPaint();
  const approached = useApproached(slot, painted);
  const placeholder = (
    <p className="chart-placeholder" style={{ minHeight: height }}>
      {tr('common.loadingChart')}
    </p>
  );
  return (
    <div ref={slot} data-testid={`chart-slot-${name}`}>
      {painted && approached ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </div>
  );
}
