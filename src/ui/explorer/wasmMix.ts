/**
 * The explorer's mix x_t = α·x_0 + σ·ε in WebAssembly SIMD (the kernel: mixKernel.wat). One
 * WebAssembly.Memory per scene holds the scene's clean images and noise (copied in when it is made,
 * or by `load`; `adopt` lets the scene keep them there and drop its own copies) and the panels' RGBA
 * outputs; `rgba(i)` is a view on that memory that an ImageData can wrap, so a slider step copies
 * nothing: the kernel writes the bytes that putImageData reads. The memory gets all its pages when
 * it is made and never grows, so the views never detach.
 *
 * Any failure (no WebAssembly SIMD, a memory that cannot be had, a throw) makes `create` return
 * null or `mix` throw, and the caller mixes in JavaScript (writeNoisyRgba) instead.
 */
import { noisyRgbaMap } from '../../math/image';
import type { MixMode } from './mixMode';
// The binary as a base64 data URL in the bundle: 279 bytes cost less than a fetch, are there for
// the very first render (the render runs in a useLayoutEffect, which cannot wait for a promise) and
// offline, and compile synchronously (Chromium refuses synchronous compiles on the main thread only
// past 4 KB).
import kernelDataUrl from './mixKernel.wasm?inline';

/** One panel's inputs: [pixels, 3] HWC, signal in [−1, 1], noise ~ N(0, 1). */
export interface WasmMixSource {
  pixels: number;
  signal: Float32Array;
  noise: Float32Array;
}

interface KernelExports {
  mix(signal: number, noise: number, rgba: number, groups: number, a: number, s: number, offset: number): void;
}

/** Pixels per kernel iteration: the kernel has no scalar tail, so buffers are padded to this. */
const GROUP = 4;
const PAGE_BYTES = 65536;

/** The compiled kernel: undefined until first wanted, null where WebAssembly SIMD is unavailable. */
let kernel: WebAssembly.Module | null | undefined;

/** The kernel's module, compiled on first use; null (for good) if it does not validate or compile. */
function kernelModule(): WebAssembly.Module | null {
  if (kernel === undefined) {
    try {
      const bytes = Uint8Array.from(atob(kernelDataUrl.slice(kernelDataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      // validate is false where SIMD (or WebAssembly's saturating conversions) is missing.
      kernel = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    } catch {
      kernel = null;
    }
  }
  return kernel;
}

interface Region {
  pixels: number;
  groups: number;
  /** Byte offsets in the memory. */
  signal: number;
  noise: number;
  rgba: number;
}

export class WasmMix {
  private readonly memory: WebAssembly.Memory;
  private readonly exports: KernelExports;
  private readonly regions: Region[];
  /** The float copies by source buffer, so a buffer used by two panels is copied once. */
  private readonly copies: Map<Float32Array, number>;

  private constructor(
    memory: WebAssembly.Memory,
    exports: KernelExports,
    regions: Region[],
    copies: Map<Float32Array, number>,
  ) {
    this.memory = memory;
    this.exports = exports;
    this.regions = regions;
    this.copies = copies;
  }

  /**
   * A mixer with room for `sources` (one RGBA output each) and their contents copied in, or null
   * where WebAssembly SIMD is unavailable or the memory cannot be had.
   */
  static create(sources: WasmMixSource[]): WasmMix | null {
    const module = kernelModule();
    if (!module) return null;
    try {
      // Lay out every distinct float buffer, then the outputs; each padded to a whole group of
      // four pixels (48 bytes of floats, 16 of RGBA), so every start is 16-byte aligned.
      let end = 0;
      const claim = (bytes: number) => {
        const start = end;
        end += bytes;
        return start;
      };
      const copies = new Map<Float32Array, number>();
      const floats = (buffer: Float32Array, groups: number) => {
        let at = copies.get(buffer);
        if (at === undefined) copies.set(buffer, (at = claim(groups * GROUP * 3 * 4)));
        return at;
      };
      const regions = sources.map(({ pixels, signal, noise }) => {
        const groups = Math.ceil(pixels / GROUP);
        return { pixels, groups, signal: floats(signal, groups), noise: floats(noise, groups), rgba: 0 };
      });
      for (const region of regions) region.rgba = claim(region.groups * GROUP * 4);
      const pages = Math.max(1, Math.ceil(end / PAGE_BYTES));
      const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
      const instance = new WebAssembly.Instance(module, { env: { memory } });
      const mixer = new WasmMix(memory, instance.exports as unknown as KernelExports, regions, copies);
      mixer.load(sources);
      return mixer;
    } catch {
      return null;
    }
  }

  /**
   * Copies the sources' floats into the memory (a new seed's noise: the same buffers, new values).
   * `sources` must be the buffers the mixer was made for. The padding stays zero.
   */
  load(sources: Pick<WasmMixSource, 'signal' | 'noise'>[]): void {
    for (const { signal, noise } of sources) {
      for (const buffer of [signal, noise]) {
        const at = this.copies.get(buffer);
        if (at === undefined) throw new Error('WasmMix.load: a buffer the mixer was not made for');
        new Float32Array(this.memory.buffer, at, buffer.length).set(buffer);
      }
    }
  }

  /**
   * The memory's copy of `buffer` (a buffer the mixer was made for) as a view, which from now on
   * stands for it here (`load` takes the view, and reads nothing). Writing into the view changes
   * what `mix` reads. The caller can drop `buffer`: at 2048 px the scene's noise alone is 50 MB.
   */
  adopt(buffer: Float32Array): Float32Array<ArrayBuffer> {
    const at = this.copies.get(buffer);
    if (at === undefined) throw new Error('WasmMix.adopt: a buffer the mixer was not made for');
    const view = new Float32Array(this.memory.buffer as ArrayBuffer, at, buffer.length);
    this.copies.delete(buffer);
    this.copies.set(view, at);
    return view;
  }

  /** Writes source `index`'s x_t = α·x_0 + σ·ε into its RGBA output (rgba(index)). */
  mix(index: number, alpha: number, sigma: number): void {
    const { signal, noise, rgba, groups } = this.regions[index];
    const map = noisyRgbaMap(alpha, sigma);
    this.exports.mix(signal, noise, rgba, groups, map.signal, map.noise, map.offset);
  }

  /** Source `index`'s [pixels, 4] RGBA output: a view on the memory (without the padding). */
  rgba(index: number): Uint8ClampedArray<ArrayBuffer> {
    const { rgba, pixels } = this.regions[index];
    return new Uint8ClampedArray(this.memory.buffer, rgba, pixels * 4);
  }
}

/**
 * Whether to try the WebAssembly mix (before JavaScript) in `mode`. No size threshold: the kernel
 * measured faster than the JavaScript loop at every H the app offers (Node 20, 2 × AMD EPYC Zen 5
 * shared with other work, median of 21 alternating runs of the H panel's mix, JavaScript → WASM:
 * 256 px 1.2 → 0.06 ms, 512 px 5.2 → 0.29 ms, 1024 px 20.8 → 1.3 ms, 2048 px 116 → 6.0 ms).
 */
export function wantsWasm(mode: MixMode): boolean {
  return mode === 'wasm' || mode === 'auto';
}
