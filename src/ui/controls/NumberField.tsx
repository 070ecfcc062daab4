import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  testId: string;
  onChange: (value: number) => void;
  /** Screen-reader name when the visible label is empty or not enough. */
  ariaLabel?: string;
  disabled?: boolean;
}

/**
 * A number input that only passes on valid values; while the text is invalid it says why, next
 * to the field, and the last valid value stays in effect.
 */
/** The number in `raw`, or null when it is empty, not a number, out of range or not whole when it must be. */
function parseField(raw: string, min: number, max: number, integer: boolean): number | null {
  const number = Number(raw);
  const ok =
    raw.trim() !== '' &&
    Number.isFinite(number) &&
    number >= min &&
    number <= max &&
    (!integer || Number.isInteger(number));
  return ok ? number : null;
}

export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  integer = false,
  testId,
  onChange,
  ariaLabel,
  disabled = false,
}: NumberFieldProps) {
  const { t: tr } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const valid = parseField(shown, min, max, integer) !== null;
  return (
    <label className="number-field">
      {label}{' '}
      <input
        type="number"
        inputMode="decimal"
        min={min}
        max={max}
        step={step}
        value={shown}
        data-testid={testId}
        aria-invalid={!valid}
        aria-label={ariaLabel}
        disabled={disabled}
        onChange={(event) => {
          const raw = event.target.value;
          const number = parseField(raw, min, max, integer);
          setText(number === null ? raw : null);
          if (number !== null) onChange(number);
        }}
        onBlur={() => setText(null)}
      />
      {!valid && (
        <span className="field-error" role="status">
          {tr(integer ? 'common.wholeNumberRange' : 'common.numberRange', { min, max })}
        </span>
      )}
    </label>
  );
}
