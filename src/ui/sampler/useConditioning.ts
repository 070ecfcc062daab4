/**
 * The chosen model's labels as the sampler panel offers them: its manifest's once it is loaded (a
 * preload counts), else the index's copy; and the link's class and vendor checked against them.
 */
import { useEffect, useMemo } from 'react';
import type { ModelFacts } from '../../worker/client';
import type { SamplerState, Update } from '../urlState';
import { labelFallbacks, modelLabels } from './conditioning';
import type { ModelEntry, ModelLabels } from './modelIndex';

export function useConditioning(
  state: SamplerState,
  update: Update<SamplerState>,
  entry: ModelEntry | null,
  /** The chosen model's manifest facts, null until it is loaded. */
  loaded: ModelFacts | null,
  onUrlNotice: (notice: string) => void,
): ModelLabels | null {
  const labels = useMemo(() => (entry ? modelLabels(entry, loaded) : null), [entry, loaded]);
  // A class or vendor in the link that this model does not have: said with the link's notices,
  // and the default used.
  const { class: askedClass, vendor: askedVendor } = state;
  useEffect(() => {
    if (!labels) return;
    const { notices, patch } = labelFallbacks({ class: askedClass, vendor: askedVendor }, labels);
    if (notices.length === 0) return;
    notices.forEach(onUrlNotice);
    update(patch);
  }, [labels, askedClass, askedVendor, onUrlNotice, update]);
  return labels;
}
