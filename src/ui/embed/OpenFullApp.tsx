import { useTranslation } from 'react-i18next';
import { formatHash, type AppState } from '../urlState';

/** In an embed: a link to the whole app in the same state, in a new tab. */
export function OpenFullApp({ state }: { state: AppState }) {
  const { t: tr } = useTranslation();
  const href = window.location.href.split('#')[0] + formatHash({ ...state, embed: 'off' });
  return (
    <p className="embed-credit">
      <a href={href} target="_blank" rel="noopener" data-testid="embed-open-full">
        {tr('embed.openFull')}
      </a>
    </p>
  );
}
