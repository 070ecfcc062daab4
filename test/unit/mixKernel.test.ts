// The WebAssembly text is the source of truth: the committed binary must be exactly what wabt
// makes of it (`npm run build:wasm` rewrites it), so a change to one without the other fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWat, WAT_SOURCES } from '../../tools/wat.mjs';

describe('hand-written WebAssembly kernels', () => {
  it.each(WAT_SOURCES)('%s compiles to the committed binary', async (source) => {
    const built = await compileWat(source);
    const committed = readFileSync(source.replace(/\.wat$/, '.wasm'));
    expect(Buffer.from(built).equals(committed), `${source}: run npm run build:wasm and commit the .wasm`).toBe(true);
  });
});
