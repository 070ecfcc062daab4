// The URL keys are defined once, in URL_KEYS (src/ui/urlState.ts): the state's type, its defaults,
// the order of a link and each view's slice are derived from that table, and docs/ARCHITECTURE.md
// lists the same keys. Before, the keys were listed three times (the AppState interface,
// DEFAULT_STATE and the parsers) and the document a fourth time, in another order.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PooledView } from '../../src/math/explorerLevels';
import type { ScheduleId } from '../../src/math/scheduleCatalog';
import type { ClipMode } from '../../src/math/schedules';
import type { SamplerId } from '../../src/math/samplers';
import type { Spacing } from '../../src/math/spacing';
import type { Lang } from '../../src/ui/i18n/language';
import type { histogramRows, labSeries } from '../../src/ui/lab/labModel';
import type { LabSpecState, SamplingState } from '../../src/ui/specs';
import {
  DEFAULT_STATE,
  STATE_KEYS,
  URL_KEYS,
  type AppState,
  type EmbedView,
  type ExplorerState,
  type LabChart,
  type LabState,
  type SamplerState,
  type Slice,
} from '../../src/ui/urlState';
import type { BackendChoice } from '../../src/worker/client';

const SLICES: readonly Slice[] = ['explorer', 'lab', 'sampler', 'page'];

/** A row with its value type forgotten, to go over every key. */
const rowOf = (key: keyof AppState) =>
  URL_KEYS[key] as unknown as {
    slices: readonly Slice[];
    default: unknown;
    parse: (raw: string) => unknown;
    format: (value: unknown) => string;
  };

/** The rows of the table under "## URL state" in docs/ARCHITECTURE.md: key, values, default, slices. */
function documentedKeys(): string[][] {
  const doc = readFileSync('docs/ARCHITECTURE.md', 'utf8');
  const section = doc.slice(doc.indexOf('\n## URL state\n'), doc.indexOf('\n## Model files\n'));
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
}

describe('the one URL table', () => {
  it('gives every key a default that its own formatter writes and its parser reads back, and a slice', () => {
    for (const key of STATE_KEYS) {
      const row = rowOf(key);
      expect(row.parse(row.format(row.default)), key).toEqual(row.default);
      expect(row.slices.length, key).toBeGreaterThan(0);
      for (const slice of row.slices) expect(SLICES, key).toContain(slice);
    }
  });

  it('is where DEFAULT_STATE and the order of a link come from', () => {
    expect(STATE_KEYS).toEqual(Object.keys(URL_KEYS));
    expect(Object.keys(DEFAULT_STATE)).toEqual(STATE_KEYS);
    for (const key of STATE_KEYS) expect(DEFAULT_STATE[key], key).toBe(URL_KEYS[key].default);
  });

  it('is the table docs/ARCHITECTURE.md shows: the same keys in the same order, defaults and slices', () => {
    const rows = documentedKeys();
    expect(rows.map(([key]) => key.replaceAll('`', ''))).toEqual(STATE_KEYS);
    for (const [cell, , defaultCell, slicesCell] of rows) {
      const key = cell.replaceAll('`', '') as keyof AppState;
      const row = rowOf(key);
      const written = row.format(row.default);
      expect(defaultCell, key).toContain(written === '' ? 'empty' : '`' + written + '`');
      const named = new Set(slicesCell.match(/\b(explorer|lab|sampler|page)\b/g));
      expect([...named].sort(), key).toEqual([...row.slices].sort());
    }
  });

  it('types each key as its parser reads it', () => {
    expectTypeOf<AppState['t']>().toEqualTypeOf<number>();
    expectTypeOf<AppState['hi']>().toEqualTypeOf<number>();
    expectTypeOf<AppState['schedule']>().toEqualTypeOf<ScheduleId>();
    expectTypeOf<AppState['shift']>().toEqualTypeOf<'off' | 'auto'>();
    expectTypeOf<AppState['pooled']>().toEqualTypeOf<PooledView>();
    expectTypeOf<AppState['chart']>().toEqualTypeOf<LabChart>();
    expectTypeOf<AppState['clip']>().toEqualTypeOf<ClipMode>();
    expectTypeOf<AppState['overlay']>().toEqualTypeOf<ScheduleId[]>();
    expectTypeOf<AppState['spacing']>().toEqualTypeOf<Spacing>();
    expectTypeOf<AppState['backend']>().toEqualTypeOf<BackendChoice>();
    expectTypeOf<AppState['sampler']>().toEqualTypeOf<SamplerId>();
    expectTypeOf<AppState['compare']>().toEqualTypeOf<boolean>();
    expectTypeOf<AppState['model']>().toEqualTypeOf<string>();
    expectTypeOf<AppState['guidance']>().toEqualTypeOf<number | 'default'>();
    expectTypeOf<AppState['embed']>().toEqualTypeOf<EmbedView>();
    expectTypeOf<AppState['lang']>().toEqualTypeOf<Lang>();
  });

  it('gives each view its slice, and the lab model the lab’s, not the whole state', () => {
    expectTypeOf<keyof ExplorerState>().toEqualTypeOf<
      't' | 'schedule' | 'hi' | 'lo' | 'shift' | 'pooled' | 'present' | 'seed' | 'image' | 'view'
    >();
    expectTypeOf<LabState>().toMatchTypeOf<LabSpecState>();
    // The sampler samples along the lab's schedule with source=lab: it holds the keys of that spec.
    expectTypeOf<SamplerState>().toMatchTypeOf<SamplingState>();
    expectTypeOf<SamplerState>().not.toHaveProperty('overlay');
    expectTypeOf<LabState>().not.toHaveProperty('model');
    expectTypeOf<Parameters<typeof labSeries>[0]>().toEqualTypeOf<LabState>();
    expectTypeOf<Parameters<typeof histogramRows>[0]>().toEqualTypeOf<LabState>();
  });
});
