import { useTranslation } from 'react-i18next';
import { EmbedCode } from './embed/EmbedCode';
import { LanguageSwitch } from './i18n/LanguageSwitch';
import type { AppState, Update } from './urlState';

interface AppHeaderProps {
  /** All of it: the embed code writes the whole link. */
  state: AppState;
  update: Update;
}

/** Title, tagline, the lesson's start, the embed code and the language (not shown in an embed). */
export function AppHeader({ state, update }: AppHeaderProps) {
  const { t: tr } = useTranslation();
  return (
    <header>
      <div className="header-row">
        <h1>SNR Lab</h1>
        <LanguageSwitch lang={state.lang} onChange={(lang) => update({ lang })} />
      </div>
      <p className="tagline">{tr('app.tagline')}</p>
      <div className="header-tools">
        {state.lesson === 0 && (
          <button type="button" data-testid="lesson-start" onClick={() => update({ lesson: 1 })}>
            {tr('lesson.start')}
          </button>
        )}
        <EmbedCode state={state} />
      </div>
    </header>
  );
}
