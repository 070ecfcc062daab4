/**
 * The guided lesson (issue 15): the argument of simple diffusion in eight steps, each a URL state
 * (`lesson=N`, 1-based) on one of the app's live views. A step's words are in the translations
 * (lesson.sN.title / text / formula); here is what it shows: which view, the state it sets so the
 * view shows what the text says, and the controls it highlights (data-testids).
 */
import type { PanelId } from '../explorerContent';
import type { AppState } from '../urlState';
import { LESSON_STEP_COUNT } from '../urlState';

export type ViewId = 'explorer' | 'lab' | 'sampler';

export interface LessonStep {
  /** The translation keys' prefix: lesson.<id>.title, .text, .formula. */
  id: string;
  view: ViewId;
  /** Set when the step is entered. */
  state: Partial<AppState>;
  /** data-testids outlined while the step is shown. */
  highlight: string[];
  /** An explorer step's panels: only those its text is about (later ones appear as their steps come). */
  panels?: readonly PanelId[];
}

/**
 * The explorer at 512 → 64 with the photograph and the default seed; each step changes what it is
 * about. Each explorer step sets the whole stage (image, t, H, L, the shift), so what a student
 * changed in one step (the white noise of step 4) does not carry into the next. Presentation mode
 * is not part of the stage: a teacher who presents keeps presenting from step to step.
 */
const EXPLORER_BASE: Partial<AppState> = {
  image: 'photo',
  view: 'panels',
  hi: 512,
  lo: 64,
  schedule: 'cosine',
  pooled: 'unit',
  seed: 1,
};

export const LESSON_STEPS: readonly LessonStep[] = [
  {
    id: 's1',
    view: 'explorer',
    state: { ...EXPLORER_BASE, t: 0.5, shift: 'off' },
    highlight: ['t-slider', 'panel-lo'],
    panels: ['lo'],
  },
  {
    id: 's2',
    view: 'explorer',
    state: { ...EXPLORER_BASE, t: 0.5, shift: 'off' },
    highlight: ['panel-hi', 'panel-lo'],
    panels: ['hi', 'lo'],
  },
  {
    id: 's3',
    view: 'explorer',
    state: { ...EXPLORER_BASE, t: 0.5, shift: 'off' },
    highlight: ['panel-pooled', 'pooled-gain-callout', 'snr-theory-gain'],
  },
  {
    id: 's4',
    view: 'explorer',
    state: { ...EXPLORER_BASE, t: 0.5, shift: 'off' },
    highlight: ['spectrum-chart', 'sample-white-noise', 'snr-measured-gain'],
    // The spectrum and the measured gain are what this step is about: without the panels they fit a
    // projector's screen under the image buttons.
    panels: [],
  },
  {
    id: 's5',
    view: 'explorer',
    state: { ...EXPLORER_BASE, t: 0.5, shift: 'auto' },
    highlight: ['shift-toggle', 'panel-lo', 'panel-pooled', 'blink-toggle', 'ladder-toggle'],
  },
  {
    id: 's6',
    view: 'lab',
    state: {
      t: 0.5,
      hi: 512,
      lo: 64,
      schedule: 'cosine',
      chart: 'logsnr',
      shiftBy: 'resolution',
      base: 64,
      target: 512,
      clip: 'shift-after-clip',
      steps: 25,
      spacing: 'uniform-logsnr',
    },
    highlight: ['curve-chart', 'shift-target', 'histogram-chart'],
  },
  {
    id: 's7',
    view: 'sampler',
    state: { model: 'emoji64', compare: false, source: 'training', sshift: 0, steps: 25 },
    highlight: ['sample-button', 'spacing-select', 'sample-shift'],
  },
  {
    id: 's8',
    view: 'sampler',
    state: { compare: true, swap: false, source: 'training', sshift: 0, steps: 25 },
    highlight: ['compare-toggle', 'sample-button', 'swap-toggle'],
  },
];

if (LESSON_STEPS.length !== LESSON_STEP_COUNT) throw new Error('LESSON_STEP_COUNT is out of date');

/** The step `lesson=N` shows (N is 1-based; 0 is no lesson). */
export const lessonStep = (n: number): LessonStep | null => LESSON_STEPS[n - 1] ?? null;
