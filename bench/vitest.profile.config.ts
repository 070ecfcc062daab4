import { defineConfig } from 'vitest/config';

// `npm run bench:profile`: the tfjs-wasm kernel profile (not part of `npm test`).
export default defineConfig({ test: { include: ['bench/wasmProfile.test.ts'], environment: 'node' } });
