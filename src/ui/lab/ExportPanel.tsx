import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildSchedule, type ScheduleSpec } from '../../math/scheduleSpec';
import type { Spacing } from '../../math/spacing';
import { download, tableCsv, tableJson } from './exportFiles';
import { stepTable } from './labModel';
import { CODE_LANGUAGES, scheduleCode, type CodeLanguage } from './scheduleCode';
import { SelectField } from '../controls/SelectField';

interface ExportPanelProps {
  spec: ScheduleSpec;
  steps: number;
  spacing: Spacing;
}

const LANGUAGE_LABELS: Record<CodeLanguage, string> = { numpy: 'NumPy', pytorch: 'PyTorch', typescript: 'TypeScript' };
const LANGUAGE_CHOICES = CODE_LANGUAGES.map((lang) => ({ value: lang, label: LANGUAGE_LABELS[lang] }));

/** One click each: CSV, JSON, and code that reproduces the schedule exactly. */
export function ExportPanel({ spec, steps, spacing }: ExportPanelProps) {
  const { t: tr } = useTranslation();
  const [language, setLanguage] = useState<CodeLanguage>('numpy');
  const [shownCode, setShownCode] = useState<string | null>(null);
  const [copied, setCopied] = useState('');
  const rows = () => stepTable(buildSchedule(spec), steps, spacing);

  const showCode = async (lang: CodeLanguage) => {
    const code = scheduleCode(spec, lang);
    setShownCode(code);
    try {
      await navigator.clipboard.writeText(code);
      setCopied(tr('export.copied'));
    } catch {
      setCopied(tr('export.selectToCopy'));
    }
  };

  return (
    <div className="export-panel">
      <button
        type="button"
        data-testid="export-csv"
        onClick={() => download(tableCsv(rows()), 'snrlab-schedule.csv', 'text/csv')}
      >
        {tr('export.csv')}
      </button>
      <button
        type="button"
        data-testid="export-json"
        onClick={() => download(tableJson(spec, spacing, rows()), 'snrlab-schedule.json', 'application/json')}
      >
        {tr('export.json')}
      </button>
      <SelectField
        label={tr('export.code')}
        testId="code-language"
        value={language}
        choices={LANGUAGE_CHOICES}
        onChange={(lang) => {
          setLanguage(lang);
          if (shownCode !== null) void showCode(lang);
        }}
      />
      <button type="button" data-testid="export-code" onClick={() => void showCode(language)}>
        {tr('export.copyCode')}
      </button>
      {shownCode !== null && (
        <>
          <p className="copied" aria-live="polite">
            {copied}
          </p>
          <pre
            className="code"
            data-testid="code-snippet"
            tabIndex={0}
            aria-label={tr('export.codeLabel', { language: LANGUAGE_LABELS[language] })}
          >
            {shownCode}
          </pre>
        </>
      )}
    </div>
  );
}
