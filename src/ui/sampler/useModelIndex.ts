/**
 * Fetches the models index once. Missing or corrupt: a clear message in `error-message` and the
 * built-in emoji64 entry, so the sampler still works (DESIGN.md, "Bad input").
 */
import { useEffect, useState } from 'react';
import { FALLBACK_INDEX, MODEL_INDEX_PATH, parseModelIndex, type ModelEntry, type ModelIndex } from './modelIndex';
import { tr } from '../i18n/i18n';

/** The absolute URL of a model's folder: what the worker loads and keys the model by. */
export const modelUrl = (entry: ModelEntry): string => new URL(entry.path, document.baseURI).href;

/** null while the index is being fetched. */
export function useModelIndex(onError: (message: string) => void): ModelIndex | null {
  const [index, setIndex] = useState<ModelIndex | null>(null);
  useEffect(() => {
    let live = true;
    fetchIndex().then(
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
