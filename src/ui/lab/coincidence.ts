/**
 * Which plotted curves lie on top of each other, found numerically on the rows the chart draws.
 * A reader sees one line where there are two; the legend has to say so (the equivalence pairs, and
 * on the effective-λ chart the shifted schedule landing on the original, are the point of the lab).
 */
import type { Series } from './labModel';
import { tr } from '../i18n/i18n';

/** Relative tolerance: well above rounding error of the two routes, far below a visible gap. */
const RELATIVE_TOLERANCE = 1e-6;

/** Whether two plotted values are the same point (infinite ends match when they have one sign). */
function samePoint(first: number, second: number): boolean {
  if (!Number.isFinite(first) || !Number.isFinite(second)) return first === second;
  return Math.abs(first - second) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(first), Math.abs(second));
}

function coincide(first: string, second: string, rows: Record<string, number>[]): boolean {
  return rows.every((row) => samePoint(row[first], row[second]));
}

/**
 * Groups of two or more series whose curves coincide at every row, in legend order. Each series is
 * compared with the first member of each group so far (coincidence within a tolerance is close
 * enough to transitive at 1e-6).
 */
export function coincidentGroups(series: Series[], rows: Record<string, number>[]): Series[][] {
  const groups: Series[][] = [];
  for (const candidate of series) {
    const group = groups.find((members) => coincide(members[0].key, candidate.key, rows));
    if (group) group.push(candidate);
    else groups.push([candidate]);
  }
  return groups.filter((members) => members.length > 1);
}

/** "A and B", "A, B and C". */
export function listNames(names: string[]): string {
  if (names.length < 2) return names.join('');
  return tr('lab.list', { first: names.slice(0, -1).join(tr('lab.listSeparator')), last: names[names.length - 1] });
}
