import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RgbImage } from '../math/image';
import { AppHeader } from './AppHeader';
import { markFirstPaint } from './firstPaint';
import { pageLayout } from './embed/layout';
import { OpenFullApp } from './embed/OpenFullApp';
import { Explorer, type ExplorerInput } from './explorer/Explorer';
import { setLanguage } from './i18n/i18n';
import { ScheduleLab } from './lab/ScheduleLab';
import { Lesson } from './lesson/Lesson';
import { lessonStep, type ViewId } from './lesson/lessonSteps';
import { SamplerPanel } from './sampler/SamplerPanel';
import { UpdateNotice } from './UpdateNotice';
import { useStartedUp } from './startup';
import { View } from './View';
import { useAppState } from './useAppState';

export function App() {
  const { t: tr } = useTranslation();
  const { state, update, urlNotices, addUrlNotice } = useAppState();
  useLayoutEffect(() => setLanguage(state.lang), [state.lang]);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((message: string | null) => setError(message), []);
  // A problem that stays true while the page lives (an unreadable models index): said beside the
  // last action's error, not cleared by the next action that succeeds.
  const [standingError, setStandingError] = useState<string | null>(null);
  const explorerImage = useRef<RgbImage | null>(null);
  const onImage = useCallback((image: RgbImage) => {
    explorerImage.current = image;
  }, []);
  const getImage = useCallback(() => explorerImage.current, []);
  // A finished sample handed to the explorer: it goes through the explorer's upload path.
  const [explorerInput, setExplorerInput] = useState<ExplorerInput | null>(null);
  const sendToExplorer = useCallback(
    (file: Blob, name: string) => setExplorerInput((previous) => ({ file, name, key: (previous?.key ?? 0) + 1 })),
    [],
  );
  // The lab and the sampler get the live state while on screen and hold the last one while off it
  // (View): a slider step then re-renders only what can be seen. On screen, the lab defers its own
  // charts (useDeferredValue inside it), so the explorer repaints first and the charts catch up.

  // The lesson shows one view a step; a view it has shown stays mounted (hidden), so a sample or an
  // uploaded image is still there when the student steps back. An embed mounts its view only.
  const layout = pageLayout(state);
  const [visited, setVisited] = useState<readonly ViewId[]>(layout.views);
  const missing = layout.views.filter((view) => !visited.includes(view));
  if (missing.length > 0) setVisited([...visited, ...missing]);
  const mounted = layout.lesson > 0 ? visited : layout.views;
  const explorerMounted = mounted.includes('explorer');
  // Without the explorer, the charts have no first image to wait for.
  useEffect(() => {
    if (!explorerMounted) markFirstPaint();
  }, [explorerMounted]);
  // The service worker registers (and precaches the app shell) once the page has started up.
  const startedUp = useStartedUp();
  const shows = (view: ViewId) => layout.views.includes(view);
  // Presentation mode is the explorer's: on a lesson step that shows another view it does not apply.
  const presenting = state.present === 'on' && shows('explorer');

  const classes = ['app', presenting && 'presenting', !layout.chrome && 'embed', layout.lesson > 0 && 'in-lesson'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-embed={state.embed}>
      {layout.chrome && <AppHeader state={state} update={update} />}
      {startedUp && <UpdateNotice />}
      <div className="error-area" role="alert" aria-live="assertive" data-testid="error-message">
        {[error, standingError].filter(Boolean).join(' ') || null}
      </div>
      {urlNotices.length > 0 && (
        <ul className="notices" data-testid="url-notices" aria-live="polite">
          {urlNotices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      )}
      {layout.lesson > 0 && (
        <Lesson step={layout.lesson} update={update} presenting={presenting} embedded={!layout.chrome} />
      )}
      <main>
        {mounted.includes('explorer') && (
          // The explorer follows the live state always: it is where t is dragged.
          <View view="explorer" hidden={!shows('explorer')} state={state}>
            {() => (
              <Explorer
                state={state}
                update={update}
                onError={onError}
                onImage={onImage}
                input={explorerInput}
                panels={lessonStep(layout.lesson)?.panels}
              />
            )}
          </View>
        )}
        {mounted.includes('lab') && (
          <View view="lab" hidden={!shows('lab')} state={state}>
            {(viewState) => <ScheduleLab state={viewState} update={update} />}
          </View>
        )}
        {mounted.includes('sampler') && (
          <View view="sampler" hidden={!shows('sampler')} state={state}>
            {(viewState) => (
              <SamplerPanel
                state={viewState}
                update={update}
                onError={onError}
                onStandingError={setStandingError}
                onUrlNotice={addUrlNotice}
                getImage={getImage}
                onUseInExplorer={sendToExplorer}
              />
            )}
          </View>
        )}
      </main>
      {layout.chrome ? (
        <footer>
          <p>{tr('app.footer')}</p>
        </footer>
      ) : (
        <OpenFullApp state={state} />
      )}
    </div>
  );
}
