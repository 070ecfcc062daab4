import { Suspense, type ReactNode } from 'react';

/**
 * Wraps a lazily loaded chart. recharts is most of the app's script, so the charts come in their
 * own chunk after the image panels have painted; until then a placeholder of the chart's height
 * keeps the layout from jumping.
 */
export function ChartSuspense({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="chart-placeholder" style={{ minHeight: height }}>
          Loading the chart…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
