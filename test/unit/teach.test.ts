import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl } from '../../src/ui/embed/embedSnippet';
import { pageLayout } from '../../src/ui/embed/layout';
import { LESSON_STEPS, lessonStep } from '../../src/ui/lesson/lessonSteps';
import { DEFAULT_STATE, formatHash, LESSON_STEP_COUNT, parseHash } from '../../src/ui/urlState';

describe('guided lesson', () => {
  it('has LESSON_STEP_COUNT steps (6 to 8), each with a view, state and highlights', () => {
    expect(LESSON_STEPS).toHaveLength(LESSON_STEP_COUNT);
    expect(LESSON_STEP_COUNT).toBeGreaterThanOrEqual(6);
    expect(LESSON_STEP_COUNT).toBeLessThanOrEqual(8);
    for (const step of LESSON_STEPS) {
      expect(step.highlight.length, step.id).toBeGreaterThan(0);
      expect(['explorer', 'lab', 'sampler']).toContain(step.view);
    }
    expect(lessonStep(0)).toBeNull();
    expect(lessonStep(LESSON_STEP_COUNT + 1)).toBeNull();
  });

  it('sets only valid URL state in every step (its link round-trips without a notice)', () => {
    LESSON_STEPS.forEach((step, i) => {
      const state = { ...DEFAULT_STATE, ...step.state, lesson: i + 1 };
      const parsed = parseHash(formatHash(state));
      expect(parsed.notices, step.id).toEqual([]);
      expect(parsed.state, step.id).toEqual(state);
    });
  });

  it('walks the argument: the shift off until step 5 turns it on, the lab at 64 → 512, compare at the end', () => {
    expect(LESSON_STEPS.slice(0, 4).every((step) => step.state.shift === 'off')).toBe(true);
    expect(LESSON_STEPS[4].state.shift).toBe('auto');
    expect(LESSON_STEPS[5]).toMatchObject({ view: 'lab', state: { base: 64, target: 512 } });
    expect(LESSON_STEPS[LESSON_STEP_COUNT - 1]).toMatchObject({ view: 'sampler', state: { compare: true } });
  });
});

describe('page layout', () => {
  it('shows everything by default, one view in an embed, the step\u2019s view in the lesson', () => {
    expect(pageLayout({ embed: 'off', lesson: 0 })).toEqual({
      chrome: true,
      lesson: 0,
      views: ['explorer', 'lab', 'sampler'],
    });
    expect(pageLayout({ embed: 'lab', lesson: 3 })).toEqual({ chrome: false, lesson: 0, views: ['lab'] });
    expect(pageLayout({ embed: 'off', lesson: 6 })).toEqual({ chrome: true, lesson: 6, views: ['lab'] });
    expect(pageLayout({ embed: 'lesson', lesson: 0 })).toEqual({ chrome: false, lesson: 1, views: ['explorer'] });
    expect(pageLayout({ embed: 'lesson', lesson: 7 })).toEqual({ chrome: false, lesson: 7, views: ['sampler'] });
  });
});

describe('embed code', () => {
  const page = 'https://example.org/snr-lab/index.html#t=0.3&embed=off';
  it("uses the page's own address with the current state and embed=VIEW", () => {
    const url = embedUrl(page, { ...DEFAULT_STATE, t: 0.3, shift: 'auto', present: 'on' }, 'explorer');
    expect(url.startsWith('https://example.org/snr-lab/index.html#')).toBe(true);
    const parsed = parseHash(url.slice(url.indexOf('#')));
    expect(parsed.notices).toEqual([]);
    expect(parsed.state).toMatchObject({ t: 0.3, shift: 'auto', embed: 'explorer', present: 'off', lesson: 0 });
  });

  it('embeds the lesson at its current step (step 1 outside it)', () => {
    const at = (lesson: number) =>
      parseHash(embedUrl(page, { ...DEFAULT_STATE, lesson }, 'lesson').split('#')[1]).state;
    expect(at(4)).toMatchObject({ embed: 'lesson', lesson: 4 });
    expect(at(0)).toMatchObject({ embed: 'lesson', lesson: 1 });
  });

  it('is one iframe element with escaped attributes', () => {
    const snippet = embedSnippet(page, DEFAULT_STATE, 'lab', 'SNR Lab: "lab" <view>');
    expect(snippet).toMatch(/^<iframe src="https:\/\/example\.org\/snr-lab\/index\.html#[^"]*embed=lab[^"]*"/);
    expect(snippet).toContain('title="SNR Lab: &quot;lab&quot; &lt;view&gt;"');
    expect(snippet).toContain('&amp;');
    expect(snippet.endsWith('></iframe>')).toBe(true);
  });
});
