/** A number shown rounded, with the raw value in data-value for tests (UI test contract). */
export function Value({
  testId,
  value,
  digits = 3,
  unit = '',
}: {
  testId: string;
  value: number;
  digits?: number;
  unit?: string;
}) {
  return (
    <output data-testid={testId} data-value={String(value)}>
      {Number.isFinite(value) ? value.toFixed(digits) : '—'}
      {unit}
    </output>
  );
}
