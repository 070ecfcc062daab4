/**
 * The explorer's pixel work, kept off the React render path: fixed clean images and seeded noise
 * per resolution, their powers computed once, and a render that only mixes α·x_0 + σ·ε into
 * reusable RGBA buffers and paints them (given a GlMix, on the GPU; when asked, in WebAssembly
 * SIMD; else in JavaScript). Nothing is recomputed on a t change but the mix.
 */
import type { PooledMix } from '../../math/explorerLevels';
import { averagePool, averagePoolArray, writeNoisyRgba, type RgbImage } from '../../math/image';
import { fillGaussian, createRng } from '../../math/rng';
import { noisePower, signalPower } from '../../math/snr';
import type { GlMix } from './glMix';
import type { MixPath } from './mixMode';
import { WasmMix } from './wasmMix';

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
  /** The JavaScript path's RGBA buffers, made on its first use (the other paths need none). */
  private imageData: { hi: ImageData; lo: ImageData; pooled: ImageData } | null = null;
  /**
   * The WebAssembly mixer and ImageData views on its outputs (hi, lo, pooled): undefined until
   * first wanted, null once it could not be made or failed (this scene then stays on JavaScript).
   */
  private wasm: { mixer: WasmMix; images: ImageData[] } | null | undefined = undefined;
  /** Names this scene's noise for GlMix.upload; a reseed makes a new one. */
  private glKey = {};
  powers: ScenePowers;

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
    this.glKey = {};
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
   * Mixes and paints the three panels, on the GPU when `gl` is given and works, else in
   * WebAssembly when `wasm` is true and it works, else in JavaScript; returns which path ran.
   * Pooling is linear, so pool(x_t) = α·pool(x_0) + σ·pool(ε); `pooled` scales its two parts
   * (plain average, or re-normalised to unit variance).
   */
  render(levels: NoiseLevels, pooled: PooledMix, canvases: SceneCanvases, gl: GlMix | null, wasm: boolean): MixPath {
    const sources = [
      { size: this.hi, signal: this.signalHi.data, noise: this.noiseHi },
      { size: this.lo, signal: this.signalLo.data, noise: this.noiseLo },
      { size: this.lo, signal: this.signalLo.data, noise: this.noisePooled },
    ];
    const draws = [
      { source: 0, alpha: levels.alphaHi, sigma: levels.sigmaHi, canvas: canvases.hi },
      { source: 1, alpha: levels.alphaLo, sigma: levels.sigmaLo, canvas: canvases.lo },
      { source: 2, alpha: pooled.signalScale, sigma: pooled.noiseScale, canvas: canvases.pooled },
    ];
    if (gl?.upload(this.glKey, sources) && gl.draw(draws)) return 'webgl';
    const wasmMix = wasm ? this.wasmMixer(sources) : null;
    if (wasmMix) {
      try {
        for (const { source, alpha, sigma, canvas } of draws) {
          wasmMix.mixer.mix(source, alpha, sigma);
          paint(canvas, wasmMix.images[source]);
        }
        return 'wasm';
      } catch {
        this.wasm = null; // and mix in JavaScript below, now and from now on
      }
    }
    this.imageData ??= {
      hi: new ImageData(this.hi, this.hi),
      lo: new ImageData(this.lo, this.lo),
      pooled: new ImageData(this.lo, this.lo),
    };
    const images = [this.imageData.hi, this.imageData.lo, this.imageData.pooled];
    draws.forEach(({ source, alpha, sigma, canvas }, i) => {
      writeNoisyRgba(sources[source].signal, sources[source].noise, alpha, sigma, images[i].data);
      paint(canvas, images[i]);
    });
    return 'js';
  }

  /**
   * The WebAssembly mixer holding this scene's images and noise, made on first use with one output
   * per source (each source has one draw); null where it cannot be had. Once made, the scene's
   * buffers are views on its memory (a reseed draws straight into it: nothing to copy in again).
   */
  private wasmMixer(sources: { size: number; signal: Float32Array; noise: Float32Array }[]) {
    try {
      if (this.wasm === undefined) {
        const mixer = WasmMix.create(sources.map(({ size, ...buffers }) => ({ pixels: size * size, ...buffers })));
        this.wasm = mixer && {
          mixer,
          images: sources.map(({ size }, i) => new ImageData(mixer.rgba(i), size, size)),
        };
        // From now on the images and noise live in the mixer's memory only: at 2048 px the
        // JavaScript copy of the noise alone was 50 MB.
        if (mixer) {
          this.signalHi = { ...this.signalHi, data: mixer.adopt(this.signalHi.data) };
          this.signalLo = { ...this.signalLo, data: mixer.adopt(this.signalLo.data) };
          this.noiseHi = mixer.adopt(this.noiseHi);
          this.noiseLo = mixer.adopt(this.noiseLo);
          this.noisePooled = mixer.adopt(this.noisePooled);
        }
      }
    } catch {
      this.wasm = null;
    }
    return this.wasm;
  }
}

function paint(canvas: HTMLCanvasElement, data: ImageData): void {
  if (canvas.width !== data.width || canvas.height !== data.height) {
    canvas.width = data.width;
    canvas.height = data.height;
  }
  canvas.getContext('2d')?.putImageData(data, 0, 0);
}
