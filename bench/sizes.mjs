// Sizes of what a user downloads: main bundle, worker bundles, wasm binaries, weights (raw, gzip).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export function sizes() {
  const rows = [];
  const add = (label, path) => {
    const bytes = readFileSync(path);
    rows.push({ label, path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  };
  for (const file of readdirSync('dist/assets')
    .filter((f) => !f.endsWith('.map'))
    .sort()) {
    const kind =
      file.startsWith('index-') && file.endsWith('.js')
        ? 'main bundle'
        : file.startsWith('modelWorker')
          ? 'model worker bundle (tfjs, loaded on first sample)'
          : file.startsWith('spectrumWorker')
            ? 'spectrum worker'
            : file.endsWith('.wasm')
              ? 'wasm binary'
              : file.endsWith('.css')
                ? 'styles'
                : file.endsWith('.js')
                  ? 'chart chunk (recharts, loaded after the panels paint)'
                  : 'other';
    add(kind, `dist/assets/${file}`);
  }
  for (const file of readdirSync('dist/models/emoji64').filter((f) => f.endsWith('.bin') || f.endsWith('.json'))) {
    add('model weights', `dist/models/emoji64/${file}`);
  }
  return rows.filter((row) => statSync(row.path).isFile());
}
