// A static server for benchmarks: the built app at /, onnxruntime-web's files at /ort/, and the
// benchmark's ONNX export at /onnx/. Same origin for all, so nothing leaves the machine.
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
};

/** `app`: the built app's folder (bench/baseline.mjs serves an older build from elsewhere). */
export function startStaticServer(port, app = 'dist') {
  const roots = [
    ['/ort/', 'node_modules/onnxruntime-web/dist'],
    ['/onnx/', 'bench/onnx'],
    ['/', app],
  ];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    const [prefix, root] = roots.find(([p]) => path.startsWith(p));
    let file = normalize(join(root, path.slice(prefix.length)));
    if (!file.startsWith(normalize(root))) file = '';
    if (file && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!file || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${port}/`, stop: () => server.close() })),
  );
}
