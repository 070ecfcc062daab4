import { useTranslation } from 'react-i18next';
import { SCHEDULE_IDS } from '../../math/scheduleCatalog';
import { scheduleLabel } from '../i18n/labels';

export interface Choice<T extends string | number> {
  value: T;
  label: string;
}

interface SelectFieldProps<T extends string | number> {
  label: string;
  testId: string;
  value: T;
  choices: readonly Choice<T>[];
  onChange: (value: T) => void;
  disabled?: boolean;
}

/** A labelled select whose value keeps its type (numbers stay numbers). */
export function SelectField<T extends string | number>({
  label,
  testId,
  value,
  choices,
  onChange,
  disabled = false,
}: SelectFieldProps<T>) {
  return (
    <label>
      {label}{' '}
      <select
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => {
          const choice = choices.find((c) => String(c.value) === event.target.value);
          if (choice) onChange(choice.value);
        }}
      >
        {choices.map((choice) => (
          <option key={String(choice.value)} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every schedule family, named in the interface's language. */
export function useScheduleChoices() {
  const { i18n } = useTranslation();
  void i18n.language; // re-rendered (and re-labelled) when the language changes
  return SCHEDULE_IDS.map((id) => ({ value: id, label: scheduleLabel(id) }));
}

/** Choices from plain values shown as they are. */
export const plainChoices = <T extends string | number>(values: readonly T[]): Choice<T>[] =>
  values.map((value) => ({ value, label: String(value) }));
