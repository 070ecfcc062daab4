/**
 * Which code mixes the explorer's panels. The automatic choice, in order: WebGL2 on a hardware
 * GPU from GL_MIN_HI up (glMix.ts), else WebAssembly SIMD (wasmMix.ts), else JavaScript
 * (writeNoisyRgba), which is also the last fallback when either of the others fails.
 */

/** Which code mixed the panels: recorded on the panels (data-mix) and in window.__snrlab.mix. */
export type MixPath = 'webgl' | 'wasm' | 'js';

/**
 * `?mix=webgl`, `?mix=wasm` or `?mix=js` in the page's query forces a path (a debug and benchmark
 * switch, not part of the URL-hash state; a forced path that fails falls back to JavaScript);
 * `auto` (no switch) chooses as above.
 */
export type MixMode = 'auto' | MixPath;

/** Read once: the query does not change while the page lives (the app's state is in the hash). */
let mode: MixMode | null = null;

export function mixMode(): MixMode {
  if (mode === null) {
    const forced = new URLSearchParams(window.location.search).get('mix');
    mode = forced === 'webgl' || forced === 'wasm' || forced === 'js' ? forced : 'auto';
  }
  return mode;
}
