/**
 * The explorer's pixel work, kept off the React render path: fixed clean images and seeded noise
 * per resolution, their powers computed once, and a render that only mixes α·x_0 + σ·ε into
 * reusable RGBA buffers and paints them. Nothing is recomputed on a t change but the mix.
 */
import type { PooledMix } from '../../math/explorerLevels';
import { averagePool, averagePoolArray, writeNoisyRgba, type RgbImage } from '../../math/image';
import { fillGaussian, createRng } from '../../math/rng';
import { noisePower, signalPower } from '../../math/snr';

export interface ScenePowers {
  /** Signal power (per-channel variance) of the clean H image, and of its pool (= the L image). */
  signalHi: number;
  signalLo: number;
  /** Noise powers of ε_H, ε_L and pool(ε_H). */
  noiseHi: number;
  noiseLo: number;
  noisePooled: number;
}

export interface NoiseLevels {
  alphaHi: number;
  sigmaHi: number;
  alphaLo: number;
  sigmaLo: number;
}

export interface SceneCanvases {
  hi: HTMLCanvasElement;
  lo: HTMLCanvasElement;
  pooled: HTMLCanvasElement;
}

/** Noise streams of one seed: independent noise for H and for L. */
const STREAM_HI = 0;
const STREAM_LO = 1;

export class ExplorerScene {
  readonly hi: number;
  readonly lo: number;
  readonly factor: number;
  /** [H, H, 3] clean image in [−1, 1]. */
  private signalHi: RgbImage;
  /** [L, L, 3]: exactly the factor×factor average pool of signalHi. */
  private signalLo: RgbImage;
  /** [H, H, 3], [L, L, 3] and [L, L, 3] noise: ε_H, ε_L and pool(ε_H). */
  private noiseHi: Float32Array;
  private noiseLo: Float32Array;
  private noisePooled: Float32Array;
  private imageData: { hi: ImageData; lo: ImageData; pooled: ImageData };
  powers: ScenePowers;
  /** The seed the current noise was drawn with. */
  seed = 0;

  /** Takes ownership of `signalHi` (an H×H image). */
  constructor(signalHi: RgbImage, lo: number, seed: number) {
    this.hi = signalHi.width;
    this.lo = lo;
    this.factor = this.hi / lo;
    this.signalHi = signalHi;
    this.signalLo = averagePool(signalHi, this.factor);
    this.noiseHi = new Float32Array(this.hi * this.hi * 3);
    this.noiseLo = new Float32Array(lo * lo * 3);
    this.noisePooled = new Float32Array(lo * lo * 3);
    this.imageData = {
      hi: new ImageData(this.hi, this.hi),
      lo: new ImageData(lo, lo),
      pooled: new ImageData(lo, lo),
    };
    this.powers = this.reseed(seed);
  }

  /** The clean H image (read-only use: spectra, the model's input). */
  get cleanHi(): RgbImage {
    return this.signalHi;
  }

  get noiseHiBuffer(): Float32Array {
    return this.noiseHi;
  }

  /** Draws new noise for `seed` in place and returns the new powers. Modifies the noise buffers. */
  reseed(seed: number): ScenePowers {
    this.seed = seed;
    fillGaussian(createRng(seed, STREAM_HI), this.noiseHi);
    fillGaussian(createRng(seed, STREAM_LO), this.noiseLo);
    averagePoolArray(this.noiseHi, this.hi, this.hi, this.factor, this.noisePooled);
    this.powers = {
      signalHi: signalPower(this.signalHi.data),
      signalLo: signalPower(this.signalLo.data),
      noiseHi: noisePower(this.noiseHi),
      noiseLo: noisePower(this.noiseLo),
      noisePooled: noisePower(this.noisePooled),
    };
    return this.powers;
  }

  /**
   * Mixes and paints the three panels. Pooling is linear, so pool(x_t) = α·pool(x_0) + σ·pool(ε);
   * `pooled` scales its two parts (plain average, or re-normalised to unit variance).
   */
  render(levels: NoiseLevels, pooled: PooledMix, canvases: SceneCanvases): void {
    writeNoisyRgba(this.signalHi.data, this.noiseHi, levels.alphaHi, levels.sigmaHi, this.imageData.hi.data);
    writeNoisyRgba(this.signalLo.data, this.noiseLo, levels.alphaLo, levels.sigmaLo, this.imageData.lo.data);
    writeNoisyRgba(
      this.signalLo.data,
      this.noisePooled,
      pooled.signalScale,
      pooled.noiseScale,
      this.imageData.pooled.data,
    );
    paint(canvases.hi, this.imageData.hi);
    paint(canvases.lo, this.imageData.lo);
    paint(canvases.pooled, this.imageData.pooled);
  }
}

function paint(canvas: HTMLCanvasElement, data: ImageData): void {
  if (canvas.width !== data.width || canvas.height !== data.height) {
    canvas.width = data.width;
    canvas.height = data.height;
  }
  canvas.getContext('2d')?.putImageData(data, 0, 0);
}
