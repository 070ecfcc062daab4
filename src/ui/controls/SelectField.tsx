import { SCHEDULE_IDS, SCHEDULES } from '../../math/scheduleCatalog';

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
}

/** A labelled select whose value keeps its type (numbers stay numbers). */
export function SelectField<T extends string | number>({
  label,
  testId,
  value,
  choices,
  onChange,
}: SelectFieldProps<T>) {
  return (
    <label>
      {label}{' '}
      <select
        data-testid={testId}
        value={value}
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

export const SCHEDULE_CHOICES = SCHEDULE_IDS.map((id) => ({ value: id, label: SCHEDULES[id].label }));

/** Choices from plain values shown as they are. */
export const plainChoices = <T extends string | number>(values: readonly T[]): Choice<T>[] =>
  values.map((value) => ({ value, label: String(value) }));
