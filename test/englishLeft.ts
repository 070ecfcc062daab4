/**
 * What may stay English in the Chinese interface: names (SNR Lab, WebGPU, DPM-Solver++, people,
 * licences, model and file names), units and formula symbols. englishLeft() removes them from
 * each text and returns the texts that still hold an English word. Shared by the zh render unit
 * test and the browser spec.
 */
const ALLOWED: readonly RegExp[] = [
  /SNR Lab/g,
  /simple diffusion/g,
  /\bemoji\d+[a-z]*(-[a-z]+)*\b/g, // model names (emoji64, emoji128w-shifted)
  /[\w/.-]+\.(json|py|jpg|png)\b/g, // file names
  /DPM-Solver\+\+\(2M\)/g,
  /\b(SNR|WebGPU|WebAssembly|WebGL|WASM|CPU|GPU|DDIM|DDPM|EDM|Karras|Sigmoid|SD3|PNG|JPEG|GIF|WebP|BMP|AVIF|HEIC|HEIF|SVG|PDF|ZIP|CSV|JSON|NumPy|PyTorch|TypeScript|SDEdit|SWD|U-Net|Aitzol|Berasategi|friends|Hoogeboom|Heek|Salimans|Noto|Emoji|Twemoji|Google|Twitter|Inc|Apache|CC-BY|English|Esc|diffusers|iframe|Wasserstein)\b/g,
  /\b(px|dB|MB|ms|ln|log|exp|tan|pooled)\b/g, // units and the names in formulas
  /\b(wasm|webgl|webgpu|cpu|SIMD)\b/g, // tfjs's backend names, as the backend readout shows them
];

export function englishLeft(texts: readonly string[]): string[] {
  return (
    texts
      // Subscripts of formulas (x_t, σ²_pooled) are separate symbols.
      .map((text) => ALLOWED.reduce((rest, pattern) => rest.replace(pattern, ' '), text.replace(/_/g, ' ')))
      .filter((rest) => /[A-Za-z]{2,}/.test(rest))
  );
}
