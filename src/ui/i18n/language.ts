/** The interface languages: English and Simplified Chinese (zh-CN). `lang=en|zh` in the URL. */
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** The language a browser asks for: any zh-* (zh-CN, zh-TW, zh-Hans …) gets Chinese, the rest English. */
export function languageFromBrowser(languages: readonly string[]): Lang {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** `lang` in a location hash, when it names one of LANGS. */
export function languageFromHash(hash: string): Lang | null {
  try {
    const raw = new URLSearchParams(hash.replace(/^#/, '')).get('lang');
    return raw && (LANGS as readonly string[]).includes(raw) ? (raw as Lang) : null;
  } catch {
    return null;
  }
}

/** The page's language at start: the link's `lang`, else the browser's. English outside a browser. */
export function startLanguage(): Lang {
  if (typeof window === 'undefined') return 'en';
  return languageFromHash(window.location.hash) ?? browserLanguage();
}

/** The browser's preferred language (navigator.languages, else navigator.language). */
export function browserLanguage(): Lang {
  if (typeof navigator === 'undefined') return 'en';
  return languageFromBrowser(navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en']);
}

/** BCP 47 tag for <html lang>: it also picks the CJK glyph variants (Simplified) in font fallback. */
export const HTML_LANG: Record<Lang, string> = { en: 'en', zh: 'zh-CN' };
