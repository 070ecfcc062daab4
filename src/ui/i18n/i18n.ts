/**
 * The one i18next instance (react-i18next binds React to it). Resources are bundled (two small
 * objects, no fetching: the app works offline and under its CSP), so initialisation is
 * synchronous and the first render is already in the right language.
 */
import i18next, { type TOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { HTML_LANG, startLanguage, type Lang } from './language';
import { zh } from './zh';

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: startLanguage(),
  fallbackLng: 'en',
  initAsync: false,
  // React escapes what it renders; formulas keep their < and >.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * Translates outside React (pure helpers that return words: notices, captions). Components use
 * useTranslation() instead, which re-renders them when the language changes.
 */
export function tr(key: string, options?: TOptions): string {
  return i18n.t(key as never, options as never) as unknown as string;
}

/** Switches the interface language and the document's lang attribute. */
export function setLanguage(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = HTML_LANG[lang];
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}
