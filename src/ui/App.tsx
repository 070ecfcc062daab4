import { useCallback, useRef, useState } from 'react';
import type { RgbImage } from '../math/image';
import { Explorer, type ExplorerInput } from './explorer/Explorer';
import { ScheduleLab } from './lab/ScheduleLab';
import { SamplerPanel } from './sampler/SamplerPanel';
import { UpdateNotice } from './UpdateNotice';
import { useAppState } from './useAppState';

export function App() {
  const { state, update, urlNotices, addUrlNotice } = useAppState();
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
  // Every panel gets the live state. The lab defers its own charts (useDeferredValue inside it): a
  // slider step repaints the explorer first and the lab's charts catch up after, while the lab's
  // controls follow the click at once.

  return (
    <div className={state.present === 'on' ? 'app presenting' : 'app'}>
      <header>
        <h1>SNR Lab</h1>
        <p className="tagline">
          Why high-resolution diffusion needs a shifted noise schedule — seen on your own image.
        </p>
      </header>
      <UpdateNotice />
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
      <main>
        <Explorer state={state} update={update} onError={onError} onImage={onImage} input={explorerInput} />
        <ScheduleLab state={state} update={update} />
        <SamplerPanel
          state={state}
          update={update}
          onError={onError}
          onStandingError={setStandingError}
          onUrlNotice={addUrlNotice}
          getImage={getImage}
          onUseInExplorer={sendToExplorer}
        />
      </main>
      <footer>
        <p>
          Everything runs in your browser; images never leave it. Sample photograph: NASA (public domain). Method:
          Hoogeboom, Heek &amp; Salimans, “simple diffusion” (2023). The model was trained on Noto Emoji images
          (Apache-2.0, © Google) and Twemoji graphics (© Twitter, Inc and other contributors, CC-BY 4.0).
        </p>
      </footer>
    </div>
  );
}
