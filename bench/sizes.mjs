// Sizes of what a user downloads: main bundle, worker bundles, wasm binaries, weights (raw, gzip).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * What a built file is. The model worker imports each tfjs backend only when it tries it (issue 18),
 * so tfjs-core and each backend are chunks of their own, named by Rollup after their package's
 * dist/ folder; they are told apart by a string only that backend's code holds.
 */
function kindOf(file, path) {
  if (file.endsWith('.wasm')) return 'wasm binary';
  if (file.endsWith('.css')) return 'styles';
  if (!file.endsWith('.js')) return 'other';
  if (file.startsWith('index-')) return 'main bundle';
  if (file.startsWith('modelWorker')) return 'model worker (loaded on first sample)';
  if (file.startsWith('spectrumWorker')) return 'spectrum worker';
  if (file.startsWith('i18n')) return 'translations (en, zh)';
  const code = readFileSync(path, 'utf8');
  if (code.includes('WEBGPU_')) return 'tfjs webgpu backend (loaded only when tried)';
  if (code.includes('WEBGL_VERSION')) return 'tfjs webgl backend (loaded only when tried)';
  if (code.includes('WASM_HAS_SIMD')) return 'tfjs wasm backend (loaded only when tried)';
  if (code.includes('MathBackendCPU')) return 'tfjs cpu backend (loaded only when tried)';
  if (file.startsWith('Unique_impl')) return 'tfjs kernels shared by the backends';
  if (code.includes('IS_BROWSER')) return 'tfjs-core (model worker)';
  if (file.startsWith('tfjs-backend-wasm')) return 'wasm binary URL (a few bytes)';
  return 'chart or UI chunk (loaded after the panels paint)';
}

export function sizes() {
  const rows = [];
  const add = (label, path) => {
    const bytes = readFileSync(path);
    rows.push({ label, path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  };
  for (const file of readdirSync('dist/assets')
    .filter((f) => !f.endsWith('.map'))
    .sort()) {
    add(kindOf(file, `dist/assets/${file}`), `dist/assets/${file}`);
  }
  for (const model of readdirSync('dist/models').filter((f) => !f.includes('.'))) {
    for (const file of readdirSync(`dist/models/${model}`).filter((f) => f.endsWith('.bin') || f.endsWith('.json'))) {
      add(`model weights (${model}, loaded when chosen)`, `dist/models/${model}/${file}`);
    }
  }
  return rows.filter((row) => statSync(row.path).isFile());
}
