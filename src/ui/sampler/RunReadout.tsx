import { useTranslation } from 'react-i18next';
import type { Ready } from '../../worker/client';
import { adapterText } from '../i18n/workerMessages';
import { etaMs, formatDuration, MEDIAN_WINDOW, runningMedianMs, type RunTimes } from './runTiming';
import { useTicker } from './useTicker';

interface RunReadoutProps {
  ready: Ready | null;
  run: RunTimes;
  running: boolean;
  /** Appended to the test ids in compare mode ("ms-per-step-emoji128w-cosine"). */
  testIdSuffix?: string;
}

/**
 * Backend, step count, the running median of ms/step, and elapsed + ETA while a run goes (the
 * total once it is done). Only this line re-renders on the clock's tick, not the whole panel.
 */
export function RunReadout({ ready, run, running, testIdSuffix = '' }: RunReadoutProps) {
  const { t: tr } = useTranslation();
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
      {tr('run.backend')}{' '}
      <output data-testid={id('backend-name')}>
        {ready ? `${ready.backend} — ${adapterText(ready.adapter)}` : tr('run.notLoaded')}
      </output>
      {' · '}
      {tr('run.step', { step: run.step, steps: run.steps })} ·{' '}
      <output
        data-testid={id('ms-per-step')}
        data-value={String(Number.isFinite(msPerStep) ? msPerStep : 0)}
        title={tr('run.medianTitle', { window: MEDIAN_WINDOW })}
      >
        {Number.isFinite(msPerStep) ? msPerStep.toFixed(0) : '–'}
      </output>{' '}
      {tr('run.msPerStep')}
      {finished && (
        <>
          {' · '}
          {tr('run.total')}{' '}
          <output data-testid={id('sample-total-ms')} data-value={String(run.totalMs)}>
            {formatDuration(run.totalMs!)}
          </output>
        </>
      )}
      {!finished && run.steps > 0 && (
        <>
          {' · '}
          {tr('run.elapsed')}{' '}
          <output data-testid={id('sample-elapsed')} data-value={String(Number.isFinite(elapsed) ? elapsed : 0)}>
            {formatDuration(elapsed)}
          </output>
          {' · '}
          {tr('run.eta')}{' '}
          <output data-testid={id('sample-eta')} data-value={String(Number.isFinite(eta) ? eta : '')}>
            {running && !Number.isFinite(eta) ? tr('run.afterFirst') : formatDuration(eta)}
          </output>
        </>
      )}
    </p>
  );
}
