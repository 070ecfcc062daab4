/**
 * Outlines a step's controls. A style rule, not a DOM walk: the rule also catches elements that
 * mount later (lazily loaded charts, the swap toggle once compare is on). The outline is drawn
 * outside any text: a control is outlined with its label, a panel's canvas with its caption (the
 * whole figure), and a number in running text gets room on both sides, so the ring crosses no
 * caption and no "×" next to a readout.
 */
export function LessonHighlight({ testIds }: { testIds: readonly string[] }) {
  if (testIds.length === 0) return null;
  const ring = testIds.flatMap((id) => [
    `.app [data-testid="${id}"]:not(label > input):not(label > select):not(figure > canvas)`,
    `.app label:has(> input[data-testid="${id}"], > select[data-testid="${id}"])`,
    `.app figure:has(> canvas[data-testid="${id}"])`,
  ]);
  const inline = testIds.map((id) => `.app output[data-testid="${id}"]`);
  return (
    <style>{`${ring.join(',\n')} { outline: 3px solid var(--lesson-highlight); outline-offset: 3px; border-radius: 4px; }
${inline.join(',\n')} { display: inline-block; margin-inline: 7px; }`}</style>
  );
}
