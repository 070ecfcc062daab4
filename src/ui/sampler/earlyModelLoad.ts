/**
 * The chosen model starts loading before React renders (src/main.tsx). Started from the sampler's
 * effects, the load began only after React's first commit of all three views, ~0.8 s into the page
 * load on a two-core machine (docs/BENCHMARKS.md §3). Same conditions as the sampler's own preload:
 * the sampler is on the page, one model (not compare mode), and the browser does not ask to save
 * data. Quiet: a failure is said by the user's click, which tries again.
 */
import { ModelClient } from '../../worker/client';
import { pageLayout } from '../embed/layout';
import { startUpWork } from '../startup';
import { parseHash } from '../urlState';
import { chooseModel } from './modelIndex';
import { modelUrl, prefetchModelIndex } from './useModelIndex';

let early: ModelClient | null = null;

/** Whether the browser asks pages to save data (then nothing is downloaded before it is asked for). */
export function savesData(): boolean {
  return (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
}

export function startEarlyModelLoad(): void {
  const { state } = parseHash(window.location.hash);
  if (!pageLayout(state).views.includes('sampler') || state.compare || savesData()) return;
  const client = new ModelClient();
  early = client;
  // The worker starts its backend (tfjs and the wasm binary) while the index is fetched and React
  // renders; a failure here is tried again, and reported, by the init below or by the click.
  client.startBackend(state.backend).catch(() => {});
  const load = prefetchModelIndex().then((index) =>
    client.init(state.backend, modelUrl(chooseModel(index, state.model).entry), () => {}),
  );
  startUpWork(load).catch(() => {});
}

/** The client that started the early load, once: the sampler's useModel adopts it. */
export function takeEarlyClient(): ModelClient | null {
  const client = early;
  early = null;
  return client;
}
