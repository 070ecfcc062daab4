// WebAssembly text → binary with wabt (the WebAssembly community's own toolkit, as an npm
// package), for the hand-written kernels in src/. `npm run build:wasm` writes each `.wasm` next
// to its `.wat`; the binaries are committed, so the app's build and CI need no compile step, and
// test/unit/mixKernel.test.ts recompiles the text and fails if a committed binary differs.
//
// Why a committed binary and not a Vite plugin that compiles at build time: the kernel is a few
// hundred bytes that change rarely; committed, it is one file the browser, vitest and the Vite
// build all read as they are, with no wabt in the build's path (wabt is ~4 MB of emscripten JS).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtFactory from 'wabt';

/** The kernels this script builds, relative to the repository root. */
export const WAT_SOURCES = ['src/ui/explorer/mixKernel.wat'];

/** Compiles the WebAssembly text at `path` to its binary, without names or debug sections. */
export async function compileWat(path) {
  const wabt = await wabtFactory();
  const module = wabt.parseWat(path, readFileSync(path, 'utf8'), { simd: true });
  try {
    module.validate();
    return module.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    module.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const source of WAT_SOURCES) {
    const binary = await compileWat(source);
    const target = source.replace(/\.wat$/, '.wasm');
    writeFileSync(target, binary);
    console.log(`${source} → ${target} (${binary.length} bytes)`);
  }
}
