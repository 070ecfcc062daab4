/**
 * Outlines a step's controls. A style rule, not a DOM walk: the rule also catches elements that
 * mount later (lazily loaded charts, the swap toggle once compare is on). A checkbox is outlined
 * with its label, a chart or canvas as it is.
 */
export function LessonHighlight({ testIds }: { testIds: readonly string[] }) {
  if (testIds.length === 0) return null;
  const selectors = testIds.flatMap((id) => [
    `.app [data-testid="${id}"]:not(input[type="checkbox"])`,
    `.app label:has(> input[type="checkbox"][data-testid="${id}"])`,
  ]);
  return (
    <style>{`${selectors.join(',\n')} { outline: 3px solid var(--lesson-highlight); outline-offset: 3px; border-radius: 4px; }`}</style>
  );
}
