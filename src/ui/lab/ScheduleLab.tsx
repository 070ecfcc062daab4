import { lazy, memo, useDeferredValue, useMemo } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { asTime } from '../../math/logSnr';
import { SCHEDULE_IDS } from '../../math/scheduleCatalog';
import { scheduleLabel } from '../i18n/labels';
import { buildSchedule } from '../../math/scheduleSpec';
import { SPACINGS, stepTimes } from '../../math/spacing';
import { ShiftLink } from '../controls/ShiftLink';
import { Value } from '../controls/Value';
import { LAB_CHARTS, type LabState, type Update } from '../urlState';
import { ExportPanel } from './ExportPanel';
import { labShift, labSpec } from '../specs';
import { chartLabel, histogramRows, labSeries } from './labModel';
import { ChartSuspense } from '../controls/ChartSuspense';
import { NumberField } from '../controls/NumberField';
import { SelectField, useScheduleChoices } from '../controls/SelectField';

interface ScheduleLabProps {
  state: LabState;
  update: Update<LabState>;
}

// Loaded after the explorer's panels paint (recharts is a chunk of its own; see ChartSuspense).
const CurveChart = lazy(() => import('./CurveChart').then((m) => ({ default: m.CurveChart })));
const HistogramChart = lazy(() => import('./HistogramChart').then((m) => ({ default: m.HistogramChart })));

const PRESET_TARGETS = [128, 256, 512, 1024];

/**
 * Plot, shift, compare and export noise schedules.
 *
 * Two copies of the state: the controls, readouts and export follow the live `state`, so a click
 * shows at once (a controlled checkbox rendered from a deferred state stays unticked until the
 * charts have redrawn); the charts follow `chartState`, a deferred copy, and catch up at low
 * priority (they are memo'd, so the urgent render skips them).
 */
export const ScheduleLab = memo(function ScheduleLab({ state, update }: ScheduleLabProps) {
  const { t: tr } = useTranslation();
  const scheduleChoices = useScheduleChoices();
  const spacingChoices = SPACINGS.map((spacing) => ({ value: spacing, label: tr(`lab.spacing.${spacing}`) }));
  const clipChoices = [
    { value: 'shift-after-clip', label: tr('lab.clip.shiftAfterClip') },
    { value: 'clip-after-shift', label: tr('lab.clip.clipAfterShift') },
  ] as const;
  const shift = labShift(state);
  const spec = useMemo(() => labSpec(state, shift), [state, shift]);
  const schedule = useMemo(() => buildSchedule(spec), [spec]);
  const original = useMemo(() => buildSchedule(labSpec(state, 0)), [state]);
  const logSnrOriginal = original.logSnr(asTime(state.t));
  const logSnrShifted = schedule.logSnr(asTime(state.t));

  const chartState = useDeferredValue(state);
  const series = useMemo(() => labSeries(chartState), [chartState]);
  const shiftedSeries = series.find((s) => s.key === 'shifted') ?? series[0];
  const times = useMemo(() => {
    const chartSchedule = buildSchedule(labSpec(chartState));
    return stepTimes(chartSchedule, chartState.steps, chartState.spacing);
  }, [chartState]);
  const histogram = useMemo(() => histogramRows(chartState), [chartState]);
  const chartShift = labShift(chartState);
  const chartLogSnrShifted = useMemo(
    () => buildSchedule(labSpec(chartState)).logSnr(asTime(chartState.t)),
    [chartState],
  );

  return (
    <section className="lab" aria-labelledby="lab-title">
      <h2 id="lab-title">{tr('lab.title')}</h2>
      <div className="controls">
        <SelectField
          label={tr('common.schedule')}
          testId="lab-schedule-select"
          value={state.schedule}
          choices={scheduleChoices}
          onChange={(schedule) => update({ schedule })}
        />
        {state.schedule === 'cosine-interpolated' && (
          <>
            <NumberField
              label={tr('lab.interpFrom')}
              testId="interp-lo"
              value={state.interpLo}
              min={1}
              max={8192}
              integer
              onChange={(interpLo) => update({ interpLo })}
            />
            <NumberField
              label={tr('lab.interpTo')}
              testId="interp-hi"
              value={state.interpHi}
              min={1}
              max={8192}
              integer
              onChange={(interpHi) => update({ interpHi })}
            />
          </>
        )}
      </div>
      <fieldset className="controls">
        <legend>{tr('lab.shiftLegend')}</legend>
        <label>
          <input
            type="radio"
            name="shift-by"
            checked={state.shiftBy === 'resolution'}
            onChange={() => update({ shiftBy: 'resolution' })}
          />{' '}
          {tr('lab.byResolution')}
        </label>
        <NumberField
          label=""
          ariaLabel={tr('lab.baseLabel')}
          testId="shift-base"
          value={state.base}
          min={1}
          max={8192}
          integer
          onChange={(base) => update({ base, shiftBy: 'resolution' })}
        />
        <NumberField
          label={tr('lab.target')}
          testId="shift-target"
          value={state.target}
          min={1}
          max={8192}
          integer
          onChange={(target) => update({ target, shiftBy: 'resolution' })}
        />
        <span className="presets">
          {PRESET_TARGETS.map((target) => (
            <button
              key={target}
              type="button"
              data-testid={`preset-${target}`}
              onClick={() => update({ shiftBy: 'resolution', base: 64, target })}
            >
              64 → {target}
            </button>
          ))}
        </span>
        <label>
          <input
            type="radio"
            name="shift-by"
            checked={state.shiftBy === 'nats'}
            onChange={() => update({ shiftBy: 'nats' })}
          />{' '}
          {tr('lab.inNats')}
        </label>
        <NumberField
          label=""
          ariaLabel={tr('lab.natsLabel')}
          testId="shift-nats"
          value={state.nats}
          min={-30}
          max={30}
          step={0.01}
          onChange={(nats) => update({ nats, shiftBy: 'nats' })}
        />
        <SelectField
          label={tr('lab.clipping')}
          testId="clip-select"
          value={state.clip}
          choices={clipChoices}
          onChange={(clip) => update({ clip })}
        />
        <span>
          {tr('lab.shiftIs')} <Value testId="lab-shift" value={shift} digits={4} /> {tr('units.nats')}
        </span>
        <ShiftLink
          testId="lab-shift-link"
          matches={state.shiftBy === 'resolution' && state.base === state.lo && state.target === state.hi}
          matchText={tr('lab.matchExplorer', { lo: state.lo, hi: state.hi })}
          buttonText={tr('lab.useExplorer', { lo: state.lo, hi: state.hi })}
          onLink={() => update({ shiftBy: 'resolution', base: state.lo, target: state.hi })}
        />
      </fieldset>
      <div className="controls">
        <span role="tablist" aria-label={tr('lab.quantity')}>
          {LAB_CHARTS.map((chart) => (
            <button
              key={chart}
              type="button"
              role="tab"
              aria-selected={state.chart === chart}
              data-testid={`chart-${chart}`}
              className={state.chart === chart ? 'tab selected' : 'tab'}
              onClick={() => update({ chart })}
            >
              {chartLabel(chart)}
            </button>
          ))}
        </span>
      </div>
      {/* The schedule and where training lands: one above the other, side by side in a lesson on a wide screen. */}
      <div className="lab-charts">
        <div className="lab-chart">
          <ChartSuspense name="curves" height={370}>
            <CurveChart
              series={series}
              chart={chartState.chart}
              t={chartState.t}
              stepTimes={times}
              markersOn={shiftedSeries}
            />
          </ChartSuspense>
          <p className="readout-line">
            <Trans
              i18nKey="lab.readout"
              values={{ t: state.t.toFixed(3) }}
              components={{
                original: <Value testId="lab-logsnr-original" value={logSnrOriginal} />,
                shifted: <Value testId="lab-logsnr-shifted" value={logSnrShifted} />,
                effective: <Value testId="lab-logsnr-effective" value={logSnrShifted - shift} />,
              }}
            />
          </p>
        </div>
        <div className="lab-chart">
          <h3>{tr('lab.trainingTitle')}</h3>
          <ChartSuspense name="histogram" height={220}>
            <HistogramChart rows={histogram} logSnrAtT={chartLogSnrShifted} shifted={chartShift !== 0} />
          </ChartSuspense>
        </div>
      </div>
      <fieldset className="controls">
        <legend>{tr('lab.compare')}</legend>
        {SCHEDULE_IDS.filter((id) => id !== state.schedule).map((id) => (
          <label key={id}>
            <input
              type="checkbox"
              data-testid={`overlay-${id}`}
              checked={state.overlay.includes(id)}
              onChange={(event) =>
                update({
                  overlay: event.target.checked
                    ? [...state.overlay, id]
                    : state.overlay.filter((other) => other !== id),
                })
              }
            />{' '}
            {scheduleLabel(id)}
          </label>
        ))}
        <label>
          <input
            type="checkbox"
            data-testid="equiv-toggle"
            checked={state.equiv === 'on'}
            onChange={(event) => update({ equiv: event.target.checked ? 'on' : 'off' })}
          />{' '}
          {tr('lab.equivalences')}
        </label>
        {state.equiv === 'on' && (
          <>
            <NumberField
              label="SD3 k"
              testId="equiv-k"
              value={state.sd3k}
              min={0.05}
              max={20}
              step={0.1}
              onChange={(sd3k) => update({ sd3k })}
            />
            <NumberField
              label={tr('lab.inputScale')}
              testId="equiv-scale"
              value={state.scale}
              min={0.01}
              max={10}
              step={0.05}
              onChange={(scale) => update({ scale })}
            />
          </>
        )}
      </fieldset>
      <fieldset className="controls">
        <legend>{tr('lab.samplingSteps')}</legend>
        <NumberField
          label="N"
          testId="steps-input"
          value={state.steps}
          min={1}
          max={1000}
          integer
          onChange={(steps) => update({ steps })}
        />
        <SelectField
          label={tr('lab.spacingLabel')}
          testId="lab-spacing-select"
          value={state.spacing}
          choices={spacingChoices}
          onChange={(spacing) => update({ spacing })}
        />
        <span>{shift !== 0 ? tr('lab.circlesShifted') : tr('lab.circles')}</span>
      </fieldset>
      <h3>{tr('lab.export')}</h3>
      <ExportPanel spec={spec} steps={state.steps} spacing={state.spacing} />
    </section>
  );
});
