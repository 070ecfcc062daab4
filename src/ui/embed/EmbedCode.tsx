import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../controls/SelectField';
import type { AppState, EmbedView } from '../urlState';
import { embedSnippet } from './embedSnippet';

type Embeddable = Exclude<EmbedView, 'off'>;
const EMBEDDABLE: readonly Embeddable[] = ['explorer', 'lab', 'sampler', 'lesson'];

/** "Copy embed code": an <iframe> of one view in the current state, copied and shown to select. */
export function EmbedCode({ state }: { state: AppState }) {
  const { t: tr } = useTranslation();
  const [view, setView] = useState<Embeddable>(state.lesson > 0 ? 'lesson' : 'explorer');
  const [snippet, setSnippet] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  const choices = EMBEDDABLE.map((value) => ({ value, label: tr(`embed.views.${value}`) }));

  const copy = async (which: Embeddable) => {
    const code = embedSnippet(
      window.location.href,
      state,
      which,
      tr('embed.frameTitle', { view: tr(`embed.views.${which}`) }),
    );
    setSnippet(code);
    try {
      await navigator.clipboard.writeText(code);
      setCopied(tr('embed.copied'));
    } catch {
      setCopied(tr('embed.selectToCopy'));
    }
  };

  return (
    <div className="embed-code">
      <SelectField
        label={tr('embed.view')}
        testId="embed-view-select"
        value={view}
        choices={choices}
        onChange={(value) => {
          setView(value);
          if (snippet !== null) void copy(value);
        }}
      />
      <button type="button" data-testid="embed-copy" onClick={() => void copy(view)}>
        {tr('embed.copy')}
      </button>
      {snippet !== null && (
        <>
          <span className="copied" aria-live="polite">
            {copied}
          </span>
          <textarea
            readOnly
            data-testid="embed-code"
            aria-label={tr('embed.codeLabel')}
            value={snippet}
            rows={3}
            onFocus={(event) => event.target.select()}
          />
        </>
      )}
    </div>
  );
}
