import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAfterFirstPaint } from '../firstPaint';
import { useStartedUp } from '../startup';
import { useApproached } from './offScreen';

/** The longest a chart that came near waits for the start-up (see ChartSuspense). */
const START_UP_HOLD_MS = 4000;

/**
 * Wraps a lazily loaded chart. recharts is most of the app's script, so the charts come in their
 * own chunk, requested only once the image panels have painted (rendering a lazy component is what
 * fetches it), and each chart mounts only when it first comes near the screen: at 1280×900 none
 * is on screen at load, and mounting all of them took ~1 s of main thread just when the first
 * sample wanted it (docs/BENCHMARKS.md §3). Until then a placeholder of the chart's height keeps
 * the layout from jumping (`height`: the mounted chart's at desktop widths; on a narrow screen a
 * chart's legend wraps and it grows by up to ~110 px).
 *
 * During the page's start-up (the model's load and a sample clicked meanwhile, src/ui/startup.ts)
 * a chart that comes near waits for it, START_UP_HOLD_MS at most: the click scrolls to the
 * sampler, past the lab, and mounting the histogram then cost the first sample ~0.3 s on two cores
 * (docs/BENCHMARKS.md §3). The bound is for slow networks, where the start-up is a long download
 * and someone who came for the charts is not waiting for a model. The slot (`chart-slot-<name>`)
 * is what a test scrolls to, as a user would.
 */
export function ChartSuspense({ name, height, children }: { name: string; height: number; children: ReactNode }) {
  const { t: tr } = useTranslation();
  const slot = useRef<HTMLDivElement>(null);
  const painted = useAfterFirstPaint();
  const approached = useApproached(slot, painted);
  const startedUp = useStartedUp();
  const [waitedOut, setWaitedOut] = useState(false);
  useEffect(() => {
    if (!approached || startedUp) return;
    const timer = setTimeout(() => setWaitedOut(true), START_UP_HOLD_MS);
    return () => clearTimeout(timer);
  }, [approached, startedUp]);
  const mounted = painted && approached && (startedUp || waitedOut);
  const placeholder = (
    <p className="chart-placeholder" style={{ minHeight: height }}>
      {tr('common.loadingChart')}
    </p>
  );
  return (
    <div ref={slot} data-testid={`chart-slot-${name}`}>
      {mounted ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </div>
  );
}
