/// <reference lib="webworker" />
/** Computes radially averaged spectra off the main thread (a 2048² FFT takes a while). */
import { greyZeroMean, radialPowerSpectrum } from '../math/spectrum';
import type { SpectrumRequest, SpectrumResponse } from './spectrumProtocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<SpectrumRequest>) => {
  const { id, size, signal, noise } = event.data;
  let response: SpectrumResponse;
  try {
    response = {
      type: 'spectrum',
      id,
      signal: radialPowerSpectrum(greyZeroMean(signal), size),
      noise: radialPowerSpectrum(greyZeroMean(noise), size),
    };
  } catch (error) {
    response = { type: 'error', id, message: String(error) };
  }
  scope.postMessage(response);
};
