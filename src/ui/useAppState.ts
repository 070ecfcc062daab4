import { useCallback, useEffect, useRef, useState } from 'react';
import { browserLanguage } from './i18n/language';
import { DEFAULT_STATE, formatHash, parseHash, type AppState, type Update } from './urlState';

/** Defaults of this browser: a link without `lang` opens in the browser's language. */
const browserDefaults = (): AppState => ({ ...DEFAULT_STATE, lang: browserLanguage() });

/** How long the URL waits for the state to settle (browsers throttle frequent replaceState). */
const URL_WRITE_DELAY_MS = 150;

/**
 * App state mirrored in the URL hash: read at start and when the user edits the hash, written
 * back (debounced) on every change. Returns the notices for values that fell back to defaults.
 */
export function useAppState(): {
  state: AppState;
  update: Update;
  urlNotices: string[];
  /** Adds a notice about the link found later (e.g. a model name the models index does not list). */
  addUrlNotice: (notice: string) => void;
} {
  const [initial] = useState(() => parseHash(window.location.hash, browserDefaults()));
  const [state, setState] = useState<AppState>(initial.state);
  const [urlNotices, setUrlNotices] = useState<string[]>(initial.notices);
  const written = useRef<string>('');

  useEffect(() => {
    const handle = window.setTimeout(() => {
      const hash = formatHash(state);
      written.current = hash;
      if (window.location.hash !== hash) window.history.replaceState(null, '', hash);
    }, URL_WRITE_DELAY_MS);
    return () => window.clearTimeout(handle);
  }, [state]);

  useEffect(() => {
    const onHashChange = () => {
      if (window.location.hash === written.current) return;
      const parsed = parseHash(window.location.hash, browserDefaults());
      setState(parsed.state);
      setUrlNotices(parsed.notices);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const update = useCallback((patch: Partial<AppState>) => setState((previous) => ({ ...previous, ...patch })), []);
  const addUrlNotice = useCallback(
    (notice: string) => setUrlNotices((previous) => (previous.includes(notice) ? previous : [...previous, notice])),
    [],
  );
  return { state, update, urlNotices, addUrlNotice };
}
