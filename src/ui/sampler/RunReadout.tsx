import type { Ready } from '../../worker/client';
import { etaMs, formatDuration, MEDIAN_WINDOW, runningMedianMs, type RunTimes } from './runTiming';
import { useTicker } from './useTicker';

interface RunReadoutProps {
  ready: Ready | null;
  run: RunTimes;
  running: boolean;
  /** Appended to the test ids in compare mode ("ms-per-step-emoji128-cosine"). */
  testIdSuffix?: string;
}

/**
 * Backend, step count, the running median of ms/step, and elapsed + ETA while a run goes (the
 * total once it is done). Only this line re-renders on the clock's tick, not the whole panel.
 */
export function RunReadout({ ready, run, running, testIdSuffix = '' }: RunReadoutProps) {
  const id = (name: string) => (testIdSuffix ? `${name}-${testIdSuffix}` : name);
  const tick = useTicker(running);
  // The tick may be older than the last step's arrival; time never runs backwards on screen.
  const now = Math.max(tick, run.lastStepAt);
  const msPerStep = runningMedianMs(run.stepMs);
  const finished = run.totalMs !== null;
  const elapsed = finished ? run.totalMs! : run.steps ? now - run.startedAt : Number.NaN;
  const eta = running ? etaMs(run.step, run.steps, msPerStep, now - run.lastStepAt) : Number.NaN;
  return (
    <p className="readout-line">
      Backend:{' '}
      <output data-testid={id('backend-name')}>{ready ? `${ready.backend} — ${ready.adapter}` : 'not loaded'}</output>
      {' · '}step {run.step}/{run.steps} ·{' '}
      <output
        data-testid={id('ms-per-step')}
        data-value={String(Number.isFinite(msPerStep) ? msPerStep : 0)}
        title={`median of the last ${MEDIAN_WINDOW} steps; single steps vary`}
      >
        {Number.isFinite(msPerStep) ? msPerStep.toFixed(0) : '–'}
      </output>{' '}
      ms/step (median)
      {finished && (
        <>
          {' · '}total{' '}
          <output data-testid={id('sample-total-ms')} data-value={String(run.totalMs)}>
            {formatDuration(run.totalMs!)}
          </output>
        </>
      )}
      {!finished && run.steps > 0 && (
        <>
          {' · '}elapsed{' '}
          <output data-testid={id('sample-elapsed')} data-value={String(Number.isFinite(elapsed) ? elapsed : 0)}>
            {formatDuration(elapsed)}
          </output>
          {' · '}ETA{' '}
          <output data-testid={id('sample-eta')} data-value={String(Number.isFinite(eta) ? eta : '')}>
            {running && !Number.isFinite(eta) ? 'after the first step' : formatDuration(eta)}
          </output>
        </>
      )}
    </p>
  );
}
