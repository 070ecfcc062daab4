/**
 * Compare mode: the index's two compare models sampled with the same settings, the same seed and
 * so the same initial noise ε (the worker draws it from (seed, stream 1000) for an array of
 * [B, S, S, 3]: identical for two models of one size S, which is why other sizes are refused).
 * Each samples with its own training schedule from its manifest, or, with `swap`, the other's.
 * The worker runs one job at a time, so the columns run one after the other.
 */
import { useState } from 'react';
import type { LogSnrGrid } from '../../math/logSnr';
import { samplingLogSnrs } from '../../math/samplingGrid';
import { scheduleCaption } from './compareSummary';
import { askPair } from './conditioning';
import type { Ready } from '../../worker/client';
import { samplingSpec } from '../specs';
import { hooks } from '../testHooks';
import type { SamplerState } from '../urlState';
import { compareRefusal, indexMismatch, manifestSchedule, type ModelEntry } from './modelIndex';
import type { useModel } from './useModel';
import { modelUrl } from './useModelIndex';
import { useRunView, type RunView } from './useRunView';
import { sampleSettings } from './sampleSettings';

/** One side of a comparison as the page shows it. */
export interface CompareColumn {
  entry: ModelEntry;
  view: RunView;
  /** The loaded manifest's facts (null before the first run). */
  ready: Ready | null;
  /** One line: which schedule this column was last sampled with (null before a run). */
  caption: string | null;
  /** The category each sample was asked for, when drawn at random; else null. */
  classes: string[] | null;
  mismatch: string | null;
}

export function useCompare(
  state: SamplerState,
  model: ReturnType<typeof useModel>,
  entries: [ModelEntry, ModelEntry] | null,
  onError: (message: string | null) => void,
) {
  const views = [useRunView(), useRunView()] as const;
  const [loaded, setLoaded] = useState<{
    names: string[];
    ready: Ready[];
    captions: string[];
    /** The category each sample was asked for, when drawn at random (a conditional pair). */
    drawn: string[] | null;
  } | null>(null);

  const compare = async () => {
    if (!entries) return;
    onError(null);
    const ready: Ready[] = [];
    for (const entry of entries) {
      const result = await model.ensureModel(modelUrl(entry), entry.name);
      if (!result) return;
      ready.push(result);
    }
    const refusal = compareRefusal(ready[0].model, entries[0].name, ready[1].model, entries[1].name);
    if (refusal) {
      onError(refusal);
      setLoaded(null);
      return;
    }
    const own = ready.map((result) => manifestSchedule(result.model));
    const schedules = state.swap ? [own[1], own[0]] : own;
    let grids: LogSnrGrid[];
    try {
      grids = schedules.map((schedule) => samplingLogSnrs(samplingSpec(state, schedule)));
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    const names = entries.map((entry) => entry.name);
    const captions = names.map((name, i) =>
      scheduleCaption(state, name, state.swap ? names[1 - i] : name, schedules[i]),
    );
    // Both columns are asked the same: nothing for an unconditional pair; for a conditional one
    // the same classes and w, so the columns stay paired.
    const { conditioning, drawn } = askPair(state, entries, state.batch);
    setLoaded({ names, ready, captions, drawn });
    views[1].setPhase('waiting');
    for (let i = 0; i < 2; i++) {
      const last = i === 1;
      const outcome = await views[i].runIn(
        model,
        sampleSettings(state, { modelUrl: ready[i].model.url, logSnrs: grids[i], conditioning }),
        ready[i].model.imageSize,
        !last,
        last ? (finished) => (hooks().lastSample = finished) : undefined,
      );
      if (outcome.outcome !== 'done') {
        if (!last) views[1].setPhase('empty');
        return;
      }
    }
  };

  const columns: CompareColumn[] | null = entries
    ? entries.map((entry, i) => {
        const current = loaded && loaded.names[i] === entry.name ? loaded : null;
        const ready = current ? current.ready[i] : null;
        return {
          entry,
          view: views[i],
          ready,
          caption: current ? current.captions[i] : null,
          classes: current ? current.drawn : null,
          mismatch: ready ? indexMismatch(entry, ready.model) : null,
        };
      })
    : null;

  return { columns, compare };
}
