import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstPaint } from '../firstPaint';

/**
 * Wraps a lazily loaded chart. recharts is most of the app's script, so the charts come in their
 * own chunk, requested only once the image panels have painted (rendering a lazy component is what
 * fetches it); until then a placeholder of the chart's height keeps the layout from jumping.
 */
export function ChartSuspense({ height, children }: { height: number; children: ReactNode }) {
  const { t: tr } = useTranslation();
  const placeholder = (
    <p className="chart-placeholder" style={{ minHeight: height }}>
      {tr('common.loadingChart')}
    </p>
  );
  return useAfterFirstPaint() ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}
