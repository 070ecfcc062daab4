/** Messages between the explorer and the spectrum worker. Buffers are transferred, not copied. */
import type { RadialSpectrum } from '../math/spectrum';

export interface SpectrumRequest {
  type: 'spectrum';
  id: number;
  size: number;
  /** [size, size, 3] HWC clean image and noise. */
  signal: Float32Array;
  noise: Float32Array;
}

export type SpectrumResponse =
  | { type: 'spectrum'; id: number; signal: RadialSpectrum; noise: RadialSpectrum }
  | { type: 'error'; id: number; message: string };
