// `npm run bench`: runs the benchmarks and writes their results into docs/BENCHMARKS.md.
// `npm run bench -- --quick`: every benchmark once at its smallest size, results to
// test-results/bench-quick.md (the test suite runs this to prove the benchmarks work).
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium, MISSING_CHROMIUM_MESSAGE } from '../test/browser/chromium.mjs';
import { explorerLatency } from './explorerLatency.mjs';
import { machineLine, quantile, writeBlock } from './markdown.mjs';
import { buildAndServe } from './serve.mjs';

const quick = process.argv.includes('--quick');
const output = quick ? 'test-results/bench-quick.md' : 'docs/BENCHMARKS.md';
const executablePath = findChromium();
if (!executablePath) {
  console.error(MISSING_CHROMIUM_MESSAGE);
  process.exit(1);
}
mkdirSync('test-results', { recursive: true });

const server = await buildAndServe(Number(process.env.SNRLAB_BENCH_PORT ?? 4318));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const sizes = quick ? [256] : [256, 512, 1024, 2048];
  const presses = quick ? 5 : 60;
  const rows = await explorerLatency(browser, server.url, sizes, presses, quantile);
  const table = rows
    .map((r) => {
      const megapixels = (r.hi * r.hi) / 1e6;
      return `| ${r.hi} | ${megapixels.toFixed(2)} | ${r.workMedian.toFixed(1)} | ${r.workP95.toFixed(1)} | ${(r.workMedian / megapixels).toFixed(1)} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.samples} |`;
    })
    .join('\n');
  const body = `Measured ${machineLine(`Chromium ${browser.version()} (headless)`)}.

Update = input event → end of the synchronous update (React render, mix of α·x₀ + σ·ε for the
three panels, putImageData). To paint = input event → the task after the next animation frame,
so it includes waiting for that frame.

| H (px) | megapixels at H | update median (ms) | update p95 (ms) | update ms per megapixel | to paint median (ms) | to paint p95 (ms) | slider steps |
|---|---|---|---|---|---|---|---|
${table}`;
  console.log(body);
  writeBlock(output, 'explorer', body);
  console.log(`\nwrote ${output}`);
} finally {
  await browser.close();
  server.stop();
}
