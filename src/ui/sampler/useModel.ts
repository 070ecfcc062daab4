/**
 * The sampler's handle on the model worker: loading (and reloading after a backend change), the
 * worker's status for `sample-status`, notices about fallbacks and crashes, and one job at a time.
 * Shared by the sample run and "denoise my image", which draw into their own figures.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ModelClient,
  type BackendChoice,
  type Done,
  type InitPhase,
  type Progress,
  type Ready,
  type SampleSettings,
} from '../../worker/client';
import { hooks } from '../testHooks';
import { MODEL_PATH } from './modelPath';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'sampling' | 'done' | 'cancelled' | 'error';

export type JobOutcome = { outcome: 'done'; result: Done } | { outcome: 'cancelled' } | { outcome: 'failed' };

export function useModel(backend: BackendChoice, onError: (message: string | null) => void) {
  const [status, setStatus] = useState<ModelStatus>('idle');
  const [ready, setReady] = useState<Ready | null>(null);
  const [loading, setLoading] = useState<{ phase: InitPhase; fraction: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clientRef = useRef<ModelClient | null>(null);
  const loadedBackend = useRef<string | null>(null);
  const runningId = useRef<number | null>(null);

  useEffect(() => () => clientRef.current?.dispose(), []);

  const client = useCallback((): ModelClient => {
    if (!clientRef.current) {
      clientRef.current = new ModelClient({
        onBackendLost: (message, lostTo) => {
          setNotice(message);
          setReady((previous) => (previous ? { ...previous, backend: lostTo, adapter: 'after a fallback' } : previous));
        },
        onCrash: (message) => {
          setNotice(message);
          loadedBackend.current = null;
          setReady(null);
        },
      });
      hooks().model = clientRef.current;
    }
    return clientRef.current;
  }, []);

  // Created at mount (the worker itself starts only with the first request), so tests can reach it.
  useEffect(() => void client(), [client]);

  /** Loads (or reloads, after a backend change) the model; returns false on failure. */
  const ensureModel = useCallback(async (): Promise<boolean> => {
    if (loadedBackend.current === backend && ready) return true;
    setStatus('loading');
    try {
      const modelUrl = new URL(MODEL_PATH, document.baseURI).href;
      const result = await client().init(backend, modelUrl, (phase, fraction) => setLoading({ phase, fraction }));
      loadedBackend.current = backend;
      hooks().lastReady = result;
      setReady(result);
      setNotice(result.fallbacks.length ? `Fell back: ${result.fallbacks.join('; ')}` : null);
      setStatus('ready');
      return true;
    } catch (error) {
      loadedBackend.current = null;
      setReady(null);
      setStatus('error');
      onError(
        `The model could not be loaded: ${(error as Error).message} The explorer and the schedule lab still work.`,
      );
      return false;
    } finally {
      setLoading(null);
    }
  }, [client, backend, ready, onError]);

  /**
   * Runs one sampling job. `onDone` draws the result before the status turns to `done`, so a test
   * that waits for `done` finds the pixels there.
   */
  const runJob = useCallback(
    async (
      settings: SampleSettings,
      onProgress: (progress: Progress) => void,
      onDone: (result: Done) => void,
    ): Promise<JobOutcome> => {
      setStatus('sampling');
      const job = client().sample(settings, onProgress);
      runningId.current = job.id;
      try {
        const result = await job.done;
        if (!result) {
          setStatus('cancelled');
          return { outcome: 'cancelled' };
        }
        onDone(result);
        setStatus('done');
        return { outcome: 'done', result };
      } catch (error) {
        setStatus('error');
        onError(`Sampling failed: ${(error as Error).message}`);
        return { outcome: 'failed' };
      } finally {
        runningId.current = null;
      }
    },
    [client, onError],
  );

  const cancel = useCallback(() => {
    if (runningId.current !== null) clientRef.current?.cancel(runningId.current);
  }, []);

  const busy = status === 'sampling' || status === 'loading';
  return { status, setStatus, busy, ready, loading, notice, client, ensureModel, runJob, cancel };
}
