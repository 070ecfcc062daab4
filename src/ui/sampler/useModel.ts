/**
 * The sampler's handle on the model worker: loading models (each once per backend, kept by URL in
 * the worker, so compare mode and switching back do not reload), the worker's status for
 * `sample-status`, notices about fallbacks and crashes, and one job at a time.
 * Shared by the sample run, compare mode and "denoise my image", which draw into their own figures.
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
import { startUpWork } from '../startup';
import { takeEarlyClient } from './earlyModelLoad';
import { hooks } from '../testHooks';
import { tr } from '../i18n/i18n';
import { errorText, fallbacksText, noteText } from '../i18n/workerMessages';

export type ModelStatus = 'idle' | 'loading' | 'ready' | 'sampling' | 'done' | 'cancelled' | 'error';

export type JobOutcome = { outcome: 'done'; result: Done } | { outcome: 'cancelled' } | { outcome: 'failed' };

export function useModel(backend: BackendChoice, onError: (message: string | null) => void) {
  const [status, setStatus] = useState<ModelStatus>('idle');
  /** The last model load's report: the backend readout shows it. */
  const [ready, setReady] = useState<Ready | null>(null);
  const [loading, setLoading] = useState<{ phase: InitPhase; fraction: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clientRef = useRef<ModelClient | null>(null);
  /** Models the worker holds on `loadedBackend`, by folder URL. */
  const loaded = useRef(new Map<string, Ready>());
  const loadedBackend = useRef<string | null>(null);
  const runningId = useRef<number | null>(null);

  useEffect(() => () => clientRef.current?.dispose(), []);

  const client = useCallback((): ModelClient => {
    if (!clientRef.current) {
      // The client that started loading the model before React rendered (earlyModelLoad.ts), if any.
      clientRef.current = takeEarlyClient() ?? new ModelClient();
      clientRef.current.setEvents({
        onBackendLost: (note, lostTo, adapter) => {
          setNotice(noteText(note));
          setReady((previous) => (previous ? { ...previous, backend: lostTo, adapter } : previous));
        },
        onCrash: (note) => {
          setNotice(noteText(note));
          loadedBackend.current = null;
          loaded.current.clear();
          setReady(null);
        },
      });
      hooks().model = clientRef.current;
    }
    return clientRef.current;
  }, []);

  // Created at mount (the worker itself starts only with the first request), so tests can reach it.
  useEffect(() => void client(), [client]);

  /** A click during a preload joins it (the client runs one init per backend and URL at a time). */
  const loadOnce = useCallback(
    (url: string): Promise<Ready> => {
      const pending = client().init(backend, url, (phase, fraction) => setLoading({ phase, fraction }));
      const settled = () => setLoading(null);
      pending.then(settled, settled);
      return pending;
    },
    [client, backend],
  );

  /** Keeps a finished load's report: the worker holds the model now. */
  const record = useCallback(
    (url: string, result: Ready) => {
      if (loadedBackend.current !== backend) loaded.current.clear();
      loadedBackend.current = backend;
      loaded.current.set(url, result);
      hooks().lastReady = result;
      setReady(result);
      setNotice(
        result.fallbacks.length ? tr('sampler.fellBack', { fallbacks: fallbacksText(result.fallbacks) }) : null,
      );
    },
    [backend],
  );

  /**
   * Loads the model at `url` (a folder URL) on the chosen backend, or finds it loaded; returns its
   * report (with the manifest's facts), or null on failure (said in `error-message`).
   */
  const ensureModel = useCallback(
    async (url: string, name: string): Promise<Ready | null> => {
      if (loadedBackend.current !== backend) loaded.current.clear();
      const known = loaded.current.get(url);
      if (known) return known;
      setStatus('loading');
      try {
        const result = await loadOnce(url);
        record(url, result);
        setStatus('ready');
        return result;
      } catch (error) {
        loadedBackend.current = null;
        loaded.current.clear();
        setReady(null);
        setStatus('error');
        onError(tr('sampler.loadFailed', { name, error: errorText(error) }));
        return null;
      }
    },
    [backend, loadOnce, record, onError],
  );

  /**
   * Starts loading the model at `url` before anyone asks, so the first click samples at once
   * (issue 18: first sample). Quiet: the status stays as it is, and a failure is said when the
   * user's own click tries again. A preload that failed is not tried again quietly (after a
   * failed click the effect that preloads runs again; a model that cannot load would be fetched
   * over and over): only the click tries it again.
   */
  const failedPreloads = useRef(new Set<string>());
  const preload = useCallback(
    (url: string) => {
      if (loadedBackend.current === backend && loaded.current.has(url)) return;
      const key = `${backend} ${url}`;
      if (failedPreloads.current.has(key)) return;
      // Start-up work: the service worker's precache waits for it (src/ui/startup.ts).
      startUpWork(loadOnce(url)).then(
        (result) => record(url, result),
        () => failedPreloads.current.add(key),
      );
    },
    [backend, loadOnce, record],
  );

  /**
   * Runs one sampling job. `onDone` draws the result before the status turns to `done`, so a test
   * that waits for `done` finds the pixels there. `more`: another job follows (compare mode), so
   * the status stays `sampling`.
   */
  const runJob = useCallback(
    async (
      settings: SampleSettings,
      onProgress: (progress: Progress) => void,
      onDone: (result: Done) => void,
      more = false,
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
        if (!more) setStatus('done');
        return { outcome: 'done', result };
      } catch (error) {
        setStatus('error');
        onError(tr('sampler.samplingFailed', { error: errorText(error) }));
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
  // A quiet preload's progress shows only once someone waits for it (status 'loading').
  const shownLoading = status === 'loading' ? loading : null;
  return {
    status,
    setStatus,
    busy,
    ready,
    loading: shownLoading,
    notice,
    client,
    ensureModel,
    preload,
    runJob,
    cancel,
  };
}
