// The Chinese interface rendered to HTML in Node (react-dom/server): the header, every lesson step,
// the three views as they first render, and the sampler's figures, facts and readout in each
// state, with no English left but names, units and formulas (test/englishLeft.ts). Fast and
// browser-free; test/browser/teach.spec.ts checks the live page in Chromium the same way.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAIN_COSINE } from '../../src/math/samplingGrid';
import { AppHeader } from '../../src/ui/AppHeader';
import { Explorer } from '../../src/ui/explorer/Explorer';
import { i18n } from '../../src/ui/i18n/i18n';
import { ScheduleLab } from '../../src/ui/lab/ScheduleLab';
import { Lesson } from '../../src/ui/lesson/Lesson';
import { LESSON_STEPS } from '../../src/ui/lesson/lessonSteps';
import type { ModelEntry } from '../../src/ui/sampler/modelIndex';
import { ConditioningControls } from '../../src/ui/sampler/ConditioningControls';
import { ModelFacts } from '../../src/ui/sampler/ModelFacts';
import { RunReadout } from '../../src/ui/sampler/RunReadout';
import { SampleFigures, type RunPhase } from '../../src/ui/sampler/SampleFigures';
import { SamplerPanel } from '../../src/ui/sampler/SamplerPanel';
import { DEFAULT_STATE } from '../../src/ui/urlState';
import { englishLeft } from '../englishLeft';

const noop = () => {};
const state = { ...DEFAULT_STATE, lang: 'zh' as const };
const canvas = { current: null };
const ENTRY: ModelEntry = {
  name: 'emoji64',
  path: './models/emoji64/',
  imageSize: 64,
  trainingSchedule: PLAIN_COSINE,
  swd: { steps: 25, average: 66, floor: 22, samples: 2000, bands: [] },
  bytes: 5160280,
  classes: ['smileys', 'people', 'animals', 'food', 'travel', 'activities', 'objects', 'symbols', 'flags'],
  vendors: ['google', 'twitter'],
  defaultGuidance: 3,
  randomClasses: [],
};
const PHASES: RunPhase[] = ['empty', 'waiting', 'starting', 'running', 'cancelled', 'failed', 'done'];

/** The texts between tags (style sheets left out), entities as spaces. */
function texts(element: ReactElement): string[] {
  return renderToString(element)
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .split(/<[^>]+>/)
    .map((text) => text.replace(/&[#\w]+;/g, ' ').trim())
    .filter(Boolean);
}

describe('the Chinese interface, rendered', () => {
  beforeAll(() => i18n.changeLanguage('zh'));
  afterAll(() => i18n.changeLanguage('en'));

  const parts: [string, () => ReactElement][] = [
    ['header', () => createElement(AppHeader, { state, update: noop })],
    ...LESSON_STEPS.map((_, i): [string, () => ReactElement] => [
      `lesson step ${i + 1}`,
      () => createElement(Lesson, { step: i + 1, update: noop, presenting: false, embedded: false }),
    ]),
    ['explorer', () => createElement(Explorer, { state, update: noop, onError: noop })],
    ['schedule lab', () => createElement(ScheduleLab, { state, update: noop })],
    [
      'sampler',
      () =>
        createElement(SamplerPanel, {
          state,
          update: noop,
          onError: noop,
          onStandingError: noop,
          onUrlNotice: noop,
          getImage: () => null,
          onUseInExplorer: noop,
        }),
    ],
    ...PHASES.map((phase): [string, () => ReactElement] => [
      `sample figures, ${phase}`,
      () =>
        createElement(SampleFigures, {
          view: { phase, run: { step: 3 }, previewXt: canvas, previewX0: canvas, output: canvas, frames: [], size: 64 },
          onUseInExplorer: noop,
        }),
    ]),
    [
      'sample figures, classes drawn at random',
      () =>
        createElement(SampleFigures, {
          view: {
            phase: 'done',
            run: { step: 3 },
            previewXt: canvas,
            previewX0: canvas,
            output: canvas,
            frames: [],
            size: 64,
          },
          classes: ENTRY.classes,
        }),
    ],
    ...(['random', 'any'] as const).map((asked): [string, () => ReactElement] => [
      `class and guidance controls, class ${asked}`,
      () =>
        createElement(ConditioningControls, {
          state: { ...state, class: asked },
          update: noop,
          labels: { category: ENTRY.classes, vendor: ENTRY.vendors },
          guidance: 3,
        }),
    ]),
    ['model facts', () => createElement(ModelFacts, { entry: ENTRY, loaded: null, mismatch: null })],
    [
      'run readout',
      () =>
        createElement(RunReadout, {
          ready: null,
          run: { step: 3, steps: 10, startedAt: 0, lastStepAt: 0, stepMs: [], totalMs: 1234 },
          running: false,
        }),
    ],
  ];

  for (const [name, element] of parts) {
    it(`${name}: no English left`, () => {
      const shown = texts(element());
      expect(shown.length).toBeGreaterThan(0);
      expect(englishLeft(shown)).toEqual([]);
    });
  }

  it('says the model summary in Chinese', () => {
    expect(texts(createElement(ModelFacts, { entry: ENTRY, loaded: null, mismatch: null })).join(' ')).toContain(
      '表情符号',
    );
  });
});
