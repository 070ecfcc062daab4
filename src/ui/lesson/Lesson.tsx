import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { tr as translate } from '../i18n/i18n';
import type { Update } from '../urlState';
import { LessonHighlight } from './LessonHighlight';
import { LESSON_STEPS, lessonStep } from './lessonSteps';
import { useLessonKeys } from './useLessonKeys';
import { useLessonState } from './useLessonState';

interface LessonProps {
  /** 1-based step. */
  step: number;
  update: Update;
  /** Arrow keys belong to presentation mode while it is on. */
  presenting: boolean;
  /** In an embed the lesson cannot be left (there is no page behind it). */
  embedded: boolean;
}

/** The guided lesson's card: step N of 8, its words and formula, previous / next (and ← / →). */
export function Lesson({ step, update, presenting, embedded }: LessonProps) {
  const { t: tr } = useTranslation();
  const current = lessonStep(step);
  const count = LESSON_STEPS.length;
  const goTo = (n: number) => update({ lesson: Math.min(count, Math.max(1, n)) });
  useLessonState(step, update);
  useStepInView(step, embedded);
  useLessonKeys(
    !presenting,
    () => goTo(step - 1),
    () => goTo(step + 1),
  );
  if (!current) return null;
  const key = (part: string) => `lesson.${current.id}.${part}`;
  return (
    <section className="lesson" aria-labelledby="lesson-title" data-testid="lesson" data-step={step}>
      <LessonHighlight testIds={current.highlight} />
      <p className="lesson-progress">
        {tr('lesson.progress', { step, count })}
        {!embedded && (
          <button type="button" className="link-button" data-testid="lesson-exit" onClick={() => update({ lesson: 0 })}>
            {tr('lesson.exit')}
          </button>
        )}
      </p>
      <h2 id="lesson-title">{translate(key('title'))}</h2>
      <p className="lesson-text" data-testid="lesson-step">
        {translate(key('text'))}
      </p>
      <p className="lesson-formula" data-testid="lesson-formula">
        {translate(key('formula'))}
      </p>
      <nav className="lesson-nav" aria-label={tr('lesson.navLabel')}>
        <button type="button" data-testid="lesson-prev" disabled={step <= 1} onClick={() => goTo(step - 1)}>
          ← {tr('lesson.prev')}
        </button>
        <ol className="lesson-dots">
          {LESSON_STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                aria-current={i + 1 === step ? 'step' : undefined}
                aria-label={tr('lesson.goTo', { step: i + 1, title: translate(`lesson.${s.id}.title`) })}
                onClick={() => goTo(i + 1)}
              >
                {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" data-testid="lesson-next" disabled={step >= count} onClick={() => goTo(step + 1)}>
          {tr('lesson.next')} →
        </button>
      </nav>
      <p className="lesson-hint">{tr('lesson.keysHint')}</p>
    </section>
  );
}

/** Where the card stands beside the view (styles.css: the lesson on a wide screen). */
const SIDE_BY_SIDE = '(min-width: 1000px)';

/**
 * On a wide screen the card stands beside the view, so entering a step scrolls the page to the
 * view's top (past the page's header): on a 1280×720 projector the step's panels or charts are then
 * on screen with its text. On a narrow screen the card is above the view and stays where it is.
 */
function useStepInView(step: number, embedded: boolean): void {
  useEffect(() => {
    if (embedded || !window.matchMedia(SIDE_BY_SIDE).matches) return;
    document.querySelector('main')?.scrollIntoView({ block: 'start' });
  }, [step, embedded]);
}
