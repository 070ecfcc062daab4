/**
 * One sample run from the chosen model: load it (its manifest gives the image size, the training
 * schedule and a conditional model's labels), the λ grid from the URL state on that schedule, the
 * labels and guidance asked, and the worker job shown in one column.
 */
import { useState } from 'react';
import type { LogSnrGrid } from '../../math/logSnr';
import { samplingLogSnrs } from '../../math/samplingGrid';
import type { ModelFacts } from '../../worker/client';
import { samplingSpec } from '../specs';
import { hooks } from '../testHooks';
import type { SamplerState } from '../urlState';
import { askLabels, guidanceWeight } from './conditioning';
import { indexMismatch, manifestLabels, manifestSchedule, type ModelEntry } from './modelIndex';
import type { useModel } from './useModel';
import { modelUrl } from './useModelIndex';
import { useRunView } from './useRunView';
import { sampleSettings } from './sampleSettings';

export function useSampler(
  state: SamplerState,
  model: ReturnType<typeof useModel>,
  entry: ModelEntry | null,
  onError: (message: string | null) => void,
) {
  const view = useRunView();
  /** The loaded model's manifest facts, and where the index disagreed with them. */
  const [facts, setFacts] = useState<ModelFacts | null>(null);
  const [mismatch, setMismatch] = useState<string | null>(null);
  /** The category each sample of the shown run was asked for, when drawn at random (its captions). */
  const [drawn, setDrawn] = useState<string[] | null>(null);

  const sample = async () => {
    if (!entry) return;
    try {
      // Checked before loading, on the index's copy of the schedule: a flat grid fails at once.
      samplingLogSnrs(samplingSpec(state, entry.trainingSchedule));
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    onError(null);
    const ready = await model.ensureModel(modelUrl(entry), entry.name);
    if (!ready) return;
    setFacts(ready.model);
    setMismatch(indexMismatch(entry, ready.model));
    let logSnrs: LogSnrGrid;
    try {
      logSnrs = samplingLogSnrs(samplingSpec(state, manifestSchedule(ready.model)));
    } catch (error) {
      onError((error as Error).message);
      return;
    }
    const asked = askLabels(
      state,
      manifestLabels(ready.model),
      guidanceWeight(state, entry),
      state.batch,
      entry.randomClasses,
    );
    setDrawn(asked.drawn);
    await view.runIn(
      model,
      sampleSettings(state, { modelUrl: ready.model.url, logSnrs, conditioning: asked.conditioning }),
      ready.model.imageSize,
      false,
      (finished) => (hooks().lastSample = finished),
    );
  };

  return { view, facts, mismatch, drawn, sample };
}
