/**
 * Fetches the models index once. Missing or corrupt: a clear message in `error-message` and the
 * built-in emoji64 entry, so the sampler still works (docs/ARCHITECTURE.md, "Bad input").
 */
import { useEffect, useState } from 'react';
import { FALLBACK_INDEX, MODEL_INDEX_PATH, parseModelIndex, type ModelEntry, type ModelIndex } from './modelIndex';
import { tr } from '../i18n/i18n';

/** The absolute URL of a model's folder: what the worker loads and keys the model by. */
export const modelUrl = (entry: ModelEntry): string => new URL(entry.path, document.baseURI).href;

/** The page's one request for the index: made by prefetchModelIndex or by the first useModelIndex. */
let request: Promise<ModelIndex> | null = null;

/**
 * Starts fetching the index before React renders (src/main.tsx): the chosen model's preload waits
 * for it, and asked for from an effect it left only after React's first commit, ~0.6 s into the
 * page load (docs/BENCHMARKS.md §3).
 */
export function prefetchModelIndex(): Promise<ModelIndex> {
  request ??= fetchIndex();
  // A failure is reported by useModelIndex, which reads the same promise.
  request.catch(() => {});
  return request;
}

/** null while the index is being fetched. */
export function useModelIndex(onError: (message: string) => void): ModelIndex | null {
  const [index, setIndex] = useState<ModelIndex | null>(null);
  useEffect(() => {
    let live = true;
    prefetchModelIndex().then(
      (fetched) => live && setIndex(fetched),
      (error: unknown) => {
        if (!live) return;
        onError(tr('models.indexUnreadable', { path: MODEL_INDEX_PATH.slice(2), error: (error as Error).message }));
        setIndex(FALLBACK_INDEX);
      },
    );
    return () => {
      live = false;
    };
  }, [onError]);
  return index;
}

async function fetchIndex(): Promise<ModelIndex> {
  let response: Response;
  try {
    // 'no-cache': online, a regenerated index is seen at once (offline, the service worker has it).
    response = await fetch(new URL(MODEL_INDEX_PATH, document.baseURI).href, { cache: 'no-cache' });
  } catch (error) {
    throw new Error(tr('models.unreachable', { error: String(error) }), { cause: error });
  }
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return parseModelIndex(await response.text());
}
