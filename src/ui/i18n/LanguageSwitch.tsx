import type { Lang } from './language';

/** Each language named in itself, so a reader who cannot read the current one still finds theirs. */
const NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };

interface LanguageSwitchProps {
  lang: Lang;
  onChange: (lang: Lang) => void;
}

/** The header's language buttons (`lang=` in the URL). */
export function LanguageSwitch({ lang, onChange }: LanguageSwitchProps) {
  return (
    <span className="language-switch" role="group" aria-label="Language / 语言">
      {(Object.keys(NAMES) as Lang[]).map((value) => (
        <button
          key={value}
          type="button"
          lang={value === 'zh' ? 'zh-CN' : 'en'}
          data-testid={`lang-${value}`}
          aria-pressed={lang === value}
          className={lang === value ? 'tab selected' : 'tab'}
          onClick={() => onChange(value)}
        >
          {NAMES[value]}
        </button>
      ))}
    </span>
  );
}
