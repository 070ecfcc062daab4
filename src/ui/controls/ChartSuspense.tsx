import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Wraps a lazily loaded chart. recharts is most of the app's script, so the charts come in their
 * own chunk after the image panels have painted; until then a placeholder of the chart's height
 * keeps the layout from jumping.
 */
export function ChartSuspense({ height, children }: { height: number; children: ReactNode }) {
  const { t: tr } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="chart-placeholder" style={{ minHeight: height }}>
          {tr('common.loadingChart')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
