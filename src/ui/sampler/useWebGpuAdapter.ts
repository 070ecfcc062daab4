import { useEffect, useState } from 'react';
import type { BackendChoice, ModelClient, WebGpuAdapter } from '../../worker/client';

/**
 * The WebGPU adapter, asked of the worker as soon as WebGPU is the chosen backend (before any
 * run), so a software adapter can be warned about before the user waits minutes for it.
 * null: WebGPU not chosen, not known yet, or no adapter at all.
 */
export function useWebGpuAdapter(client: () => ModelClient, backend: BackendChoice): WebGpuAdapter | null {
  const wanted = backend === 'webgpu';
  // undefined: not asked yet. The adapter does not change within a page, so it is asked once.
  const [adapter, setAdapter] = useState<WebGpuAdapter | null | undefined>(undefined);
  useEffect(() => {
    if (!wanted || adapter !== undefined) return;
    let live = true;
    client()
      .probeWebGpu()
      .then(
        (found) => live && setAdapter(found),
        () => live && setAdapter(null),
      );
    return () => {
      live = false;
    };
  }, [wanted, adapter, client]);
  return wanted ? (adapter ?? null) : null;
}
