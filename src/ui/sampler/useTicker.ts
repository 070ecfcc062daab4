import { useEffect, useState } from 'react';

/**
 * performance.now(), refreshed every `intervalMs` while `running`: steps can take seconds, and an
 * elapsed time that only moves when a step ends looks frozen.
 */
export function useTicker(running: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const tick = () => setNow(performance.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [running, intervalMs]);
  return now;
}
