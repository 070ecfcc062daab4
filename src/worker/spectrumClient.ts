/**
 * The explorer's handle on the spectrum worker: one request in flight, newer requests supersede
 * older ones (their results are dropped), so a fast sequence of image loads never queues work.
 */
import type { RadialSpectrum } from '../math/spectrum';
import type { SpectrumRequest, SpectrumResponse } from './spectrumProtocol';

export interface Spectra {
  signal: RadialSpectrum;
  noise: RadialSpectrum;
}

export class SpectrumClient {
  private worker: Worker | null = null;
  private latest = 0;

  /** Computes spectra of copies of `signal` and `noise` ([size, size, 3]); null if superseded. */
  compute(size: number, signal: Float32Array, noise: Float32Array): Promise<Spectra | null> {
    const worker = (this.worker ??= new Worker(new URL('./spectrumWorker.ts', import.meta.url), { type: 'module' }));
    const id = ++this.latest;
    const request: SpectrumRequest = { type: 'spectrum', id, size, signal: signal.slice(), noise: noise.slice() };
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<SpectrumResponse>) => {
        if (event.data.id !== id) return;
        worker.removeEventListener('message', onMessage);
        if (id !== this.latest) resolve(null);
        else if (event.data.type === 'error') reject(new Error(event.data.message));
        else resolve({ signal: event.data.signal, noise: event.data.noise });
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage(request, [request.signal.buffer, request.noise.buffer]);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
