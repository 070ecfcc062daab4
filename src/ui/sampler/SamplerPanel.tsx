import { memo, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RgbImage } from '../../math/image';
import { startUpWork } from '../startup';
import type { SamplerState, Update } from '../urlState';
import { CompareView } from './CompareView';
import { compareFraction } from './compareSummary';
import { ConditioningControls } from './ConditioningControls';
import { guidanceWeight, isConditionalLabels, pairLabels } from './conditioning';
import { DenoisePanel } from './DenoisePanel';
import { ModelControls } from './ModelControls';
import { ModelFacts } from './ModelFacts';
import { chooseModel, compareModels } from './modelIndex';
import { RunReadout } from './RunReadout';
import { isRunning, SampleFigures } from './SampleFigures';
import { SamplerControls } from './SamplerControls';
import { SoftwareAdapterWarning } from './SoftwareAdapterWarning';
import { useCompare } from './useCompare';
import { useConditioning } from './useConditioning';
import { useModel } from './useModel';
import { savesData } from './earlyModelLoad';
import { modelUrl, useModelIndex } from './useModelIndex';
import { useSampler } from './useSampler';
import { useWebGpuAdapter } from './useWebGpuAdapter';
import './sampler.css';

interface SamplerPanelProps {
  state: SamplerState;
  update: Update<SamplerState>;
  onError: (message: string | null) => void;
  /** For a problem that lasts (the models index could not be read): the next success does not clear it. */
  onStandingError: (message: string | null) => void;
  /** Said beside the link's other notices (a model name the index does not list). */
  onUrlNotice: (notice: string) => void;
  /** The explorer's clean image at H, for "denoise my image". */
  getImage: () => RgbImage | null;
  /** Makes a finished sample (a PNG) the explorer's image, through its upload path. */
  onUseInExplorer: (png: Blob, name: string) => void;
}

/** Live sampling from the pretrained models, side by side in compare mode, and "denoise my image". */
export const SamplerPanel = memo(function SamplerPanel({
  state,
  update,
  onError,
  onStandingError,
  onUrlNotice,
  getImage,
  onUseInExplorer,
}: SamplerPanelProps) {
  const { t: tr, i18n } = useTranslation();
  const index = useModelIndex(onStandingError);
  const choice = index ? chooseModel(index, state.model) : null;
  const entry = choice?.entry ?? null;
  // Kept between renders (this panel re-renders at every sampling step), so the memo'd controls
  // given `pair` skip theirs; made again in a new language (its reason is a sentence).
  const language = i18n.language;
  const pairChoice = useMemo(() => {
    void language;
    return index ? compareModels(index) : null;
  }, [index, language]);
  const pair = pairChoice && 'models' in pairChoice ? pairChoice.models : null;
  const comparing = state.compare && pair !== null;

  // A model name the index does not list: say so with the link's notices, and use the default.
  const unknownModel = choice?.notice ?? null;
  useEffect(() => {
    if (!unknownModel || !entry) return;
    onUrlNotice(unknownModel);
    update({ model: entry.name });
  }, [unknownModel, entry, onUrlNotice, update]);

  const model = useModel(state.backend, onError);
  const { status, ready, loading, notice } = model;
  // The chosen model starts loading with the page (in the worker, beside the explorer's first
  // paint), unless the browser asks to save data: the first click then samples at once. Never while
  // a job runs: a backend or model chosen mid-run loads after it (a new backend would drop the
  // running job's model).
  const preloadUrl = entry && !comparing ? modelUrl(entry) : null;
  const { preload, busy } = model;
  useEffect(() => {
    if (preloadUrl && !busy && !savesData()) preload(preloadUrl);
  }, [preloadUrl, preload, busy]);
  const adapter = useWebGpuAdapter(model.client, state.backend);
  const single = useSampler(state, model, entry, onError);
  const compare = useCompare(state, model, pair, onError);
  const { view } = single;
  // Compare mode's view is mounted the first time it is shown, and kept.
  const [compareShown, setCompareShown] = useState(false);
  if (comparing && !compareShown) setCompareShown(true);
  const singleFacts = entry && single.facts?.url === modelUrl(entry) ? single.facts : null;

  // A conditional model's controls: its labels are the manifest's once loaded, else the index's.
  const entryFacts = entry && ready?.model.url === modelUrl(entry) ? ready.model : singleFacts;
  const labels = useConditioning(state, update, entry, entryFacts, onUrlNotice);
  // In compare mode the controls are the pair's, shown only when both models are conditional on
  // the same labels (askPair asks both columns the same; an unconditional pair shows none).
  // Memoised with the pair, so the memo'd controls keep their props between sampling steps.
  const pairShared = useMemo(() => (pair ? pairLabels(pair) : null), [pair]);
  const controls = comparing
    ? pair && pairShared
      ? { labels: pairShared, entry: pair[0] }
      : null
    : labels && isConditionalLabels(labels) && entry
      ? { labels, entry }
      : null;

  const fraction = view.run.steps ? view.run.step / view.run.steps : 0;
  return (
    <section className="sampler" aria-labelledby="sampler-title">
      <h2 id="sampler-title">{tr('sampler.title')}</h2>
      <p className="explanation">{tr('sampler.explanation')}</p>
      <ModelControls state={state} update={update} index={index} entry={entry} pair={pair} />
      {state.compare && pairChoice && 'reason' in pairChoice && (
        <p className="notices" data-testid="compare-notice">
          {pairChoice.reason}
        </p>
      )}
      {controls && (
        <ConditioningControls
          state={state}
          update={update}
          labels={controls.labels}
          guidance={guidanceWeight(state, controls.entry)}
        />
      )}
      <SamplerControls state={state} update={update} />
      <SoftwareAdapterWarning adapter={adapter} onUseWasm={() => update({ backend: 'wasm' })} />
      <div className="controls">
        <button
          type="button"
          data-testid="sample-button"
          disabled={model.busy || !entry}
          // A sample asked for while the page starts up is start-up work too (src/ui/startup.ts).
          onClick={() => void startUpWork(comparing ? compare.compare() : single.sample())}
        >
          {comparing ? tr('sampler.sampleBoth') : tr('sampler.sample')}
        </button>
        <button type="button" data-testid="cancel-button" disabled={status !== 'sampling'} onClick={model.cancel}>
          {tr('sampler.cancel')}
        </button>
        <progress
          data-testid="sample-progress"
          max={1}
          value={
            loading
              ? loading.fraction
              : comparing && compare.columns
                ? compareFraction(compare.columns.map((column) => column.view.run))
                : fraction
          }
          aria-label={tr('sampler.progress')}
        />
        <output data-testid="sample-status" data-value={status}>
          {loading ? `${tr(`status.${status}`)}: ${tr(`status.phase.${loading.phase}`)}` : tr(`status.${status}`)}
        </output>
      </div>
      {notice && (
        <p className="notices" data-testid="sampler-notice">
          {notice}
        </p>
      )}
      {/* Both views stay mounted once shown (hidden, not removed), so their canvases keep their
          pixels when compare mode is switched off and on. */}
      <div hidden={comparing} data-testid="single-view">
        <RunReadout ready={ready} run={view.run} running={isRunning(view.phase)} />
        <SampleFigures view={view} onUseInExplorer={onUseInExplorer} classes={single.drawn} />
        {entry && <ModelFacts entry={entry} loaded={singleFacts} mismatch={singleFacts ? single.mismatch : null} />}
      </div>
      {compare.columns && (comparing || compareShown) && (
        <div hidden={!comparing}>
          <CompareView columns={compare.columns} ready={ready} swap={state.swap} onUseInExplorer={onUseInExplorer} />
        </div>
      )}
      {entry && (
        <DenoisePanel
          state={state}
          model={model}
          entries={comparing && pair ? pair : [entry]}
          onError={onError}
          getImage={getImage}
        />
      )}
    </section>
  );
});

/** The browser's Save-Data preference (Network Information API; absent in some browsers). */
