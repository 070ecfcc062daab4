// `npm run bench`: every benchmark, results written into docs/BENCHMARKS.md (each in its marked
// block; the hand-written notes around them stay).
// `npm run bench -- --quick`: every benchmark once at its smallest size, results to
// test-results/bench-quick.md; the test suite runs this to prove the benchmarks work.
// `npm run bench -- --only=first-sample,sizes`: just those sections (the other blocks stay as they are).
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium, MISSING_CHROMIUM_MESSAGE } from '../tools/chromium.mjs';
import { findPython } from '../tools/python.mjs';
import { explorerLatency } from './explorerLatency.mjs';
import { firstSampleBench } from './firstSample.mjs';
import { guidedStepBench } from './guidedStep.mjs';
import { machineLine, quantile, writeBlock } from './markdown.mjs';
import { modelCallBench } from './modelCall.mjs';
import { sizes } from './sizes.mjs';
import { startStaticServer } from './staticServer.mjs';

const quick = process.argv.includes('--quick');
const SECTIONS = ['explorer', 'model-call', 'guided-step', 'first-sample', 'sizes'];
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const unknown = (only ?? []).filter((name) => !SECTIONS.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark section(s): ${unknown.join(', ')}. Known: ${SECTIONS.join(', ')}.`);
  process.exit(2);
}
const want = (name) => !only || only.includes(name);
const output = quick ? 'test-results/bench-quick.md' : 'docs/BENCHMARKS.md';
const PYTHON = findPython(['torch', 'numpy']);
const executablePath = findChromium();
if (!executablePath) {
  console.error(MISSING_CHROMIUM_MESSAGE);
  process.exit(1);
}
mkdirSync('test-results', { recursive: true });
if (spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { stdio: 'inherit' }).status !== 0) process.exit(1);

const modelPresent = existsSync('public/models/emoji64/model.json');
const torchPresent = PYTHON !== null;
const server = await startStaticServer(Number(process.env.SNRLAB_BENCH_PORT ?? 4318));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
const machine = machineLine(`Chromium ${browser.version()} (headless)`);
const write = (name, body) => {
  console.log(`\n## ${name}\n${body}`);
  writeBlock(output, name, body);
};
const median = (values) => quantile(values, 0.5);
const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');

try {
  // 1. Explorer latency.
  if (want('explorer')) {
    const explorerRows = await explorerLatency(
      browser,
      server.url,
      quick ? [256] : [256, 512, 1024, 2048],
      quick ? 3 : 60,
      quantile,
    );
    // The WebGL renderer the pages ran on (SwiftShader here: a software GPU), for the table's note.
    const renderer = await webglRenderer(browser);
    write(
      'explorer',
      `Measured ${machine}; WebGL on ${renderer}.

Update = input event → end of the synchronous update (React render, mix of α·x₀ + σ·ε for the three
panels, putImageData or WebGL draw + drawImage). To paint = input event → the task after the next
animation frame, so it includes waiting for that frame. Each H runs the three mixes (\`?mix=webgl\`,
\`?mix=wasm\`, \`?mix=js\`) in alternating blocks of 10 steps; "ran" is the path the page reported.

| H (px) | megapixels | mix (ran) | update median (ms) | update p95 (ms) | update ms per megapixel | to paint median (ms) | to paint p95 (ms) | slider steps |
|---|---|---|---|---|---|---|---|---|
${explorerRows
  .map((r) => {
    const mp = (r.hi * r.hi) / 1e6;
    const ran = r.ran === r.path ? r.path : `${r.path} (ran ${r.ran ?? '?'})`;
    return `| ${r.hi} | ${mp.toFixed(2)} | ${ran} | ${fmt(r.workMedian)} | ${fmt(r.workP95)} | ${fmt(r.workMedian / mp)} | ${fmt(r.median)} | ${fmt(r.p95)} | ${r.samples} |`;
  })
  .join('\n')}`,
    );
  }

  // 2. Model calls, and PyTorch for reference.
  if (want('model-call')) {
    if (!modelPresent) {
      write(
        'model-call',
        'Skipped: public/models/emoji64 is not built (run the training pipeline, see docs/MODEL_CARD.md).',
      );
    } else {
      if (torchPresent && !existsSync('bench/onnx/emoji64.onnx')) {
        execFileSync(PYTHON, ['bench/export_onnx.py', 'bench/onnx/emoji64.onnx'], { stdio: 'inherit' });
      }
      const batches = quick ? [1] : [1, 8];
      const torch = (threads, batch) =>
        torchPresent
          ? JSON.parse(
              execFileSync(
                PYTHON,
                [
                  'bench/torch_bench.py',
                  '--threads',
                  String(threads),
                  '--batch',
                  String(batch),
                  '--repeats',
                  quick ? '2' : '15',
                ],
                {
                  encoding: 'utf8',
                },
              )
                .trim()
                .split('\n')
                .pop(),
            )
          : null;
      const torchBefore = {};
      for (const batch of batches) torchBefore[batch] = { 1: torch(1, batch), 2: torch(2, batch) };
      const calls = existsSync('bench/onnx/emoji64.onnx')
        ? await modelCallBench(browser, server.url, {
            backends: ['wasm', 'webgl', 'cpu', 'webgpu'],
            batches,
            repeats: quick ? 1 : 15,
            slowRepeats: quick ? 1 : 3,
          })
        : null;
      const torchAfter = {};
      for (const batch of batches) torchAfter[batch] = { 1: torch(1, batch), 2: torch(2, batch) };
      const flops1 = torchBefore[1][1]?.flops ?? NaN;
      const rows = [];
      for (const batch of batches) {
        const ortMs = calls ? median(calls.ort[batch]) : NaN;
        const torch2 = median(
          [torchBefore[batch][2]?.median_ms, torchAfter[batch][2]?.median_ms].filter(Number.isFinite),
        );
        const line = (name, ms) =>
          `| ${name} | ${batch} | ${fmt(ms)} | ${fmt((flops1 * batch) / ms / 1e6, 1)} | ${fmt(ms / ortMs, 2)} | ${fmt(ms / torch2, 2)} |`;
        for (const backend of ['wasm', 'webgl', 'webgpu', 'cpu']) {
          if (calls?.[backend]?.[batch])
            rows.push(line(`tfjs ${backend} (${calls[backend].adapter})`, median(calls[backend][batch])));
        }
        if (calls) rows.push(line('onnxruntime-web 1.30 (wasm, 1 thread)', ortMs));
        for (const threads of [1, 2]) {
          const before = torchBefore[batch][threads]?.median_ms;
          const after = torchAfter[batch][threads]?.median_ms;
          if (Number.isFinite(before))
            rows.push(
              line(
                `PyTorch ${torchBefore[batch][threads].torch} CPU, ${threads} thread${threads > 1 ? 's' : ''} (before / after: ${fmt(before)} / ${fmt(after)})`,
                median([before, after]),
              ),
            );
        }
      }
      write(
        'model-call',
        `Measured ${machine}. One forward pass of the shipped model at 64 px (${fmt(flops1 / 1e9, 3)} GFLOP per image,
counted by forward hooks on every convolution, linear layer and attention matmul in
bench/torch_bench.py). tfjs times include the round trip to the model worker; tfjs-wasm and
onnxruntime-web calls alternate in one page. Medians of ${quick ? 1 : 15} calls (3 on the slow software
backends) after 2 warm-up calls. PyTorch runs before and after the browser (other work on the shared
machine shows up as a gap between the two); the table uses the lower.

| runtime | batch | ms per call | GFLOP/s | × onnxruntime-web | × PyTorch 2 threads |
|---|---|---|---|---|---|
${rows.join('\n')}`,
      );
    }
  }

  // 2b. Guided sampling steps of the conditional model.
  if (want('guided-step') && modelPresent) {
    const batches = quick ? [1] : [1, 4];
    const repeats = quick ? 1 : 15;
    const calls = await guidedStepBench(browser, server.url, { batches, repeats });
    const rows = batches.map((batch) => {
      const plain = median(calls[batch].plain);
      const guided = median(calls[batch].guided);
      return `| ${batch} | ${fmt(plain)} | ${fmt(guided)} | ${fmt(guided / plain, 2)} |`;
    });
    write(
      'guided-step',
      `Measured ${machine}. The shipped emoji64 on tfjs-wasm through the app's worker: one model call per
sampling step, unguided (the conditional model alone, batch B) against guided at w = 3 (one call of
batch 2B, then v̂_u + w·(v̂_c − v̂_u)). The two alternate call by call; medians of ${repeats} each after
2 warm-up calls each.

| batch B | unguided (ms per step) | guided (ms per step) | guided / unguided |
|---|---|---|---|
${rows.join('\n')}`,
    );
  }

  // 3. First sample.
  if (want('first-sample') && modelPresent) {
    // Several cold runs: one run's wall time moves by ±10 % on this shared machine.
    const runs = [];
    for (let run = 0; run < (quick ? 1 : 5); run++) runs.push(await firstSampleBench(browser, server.url));
    const median = (key) =>
      fmt(
        quantile(
          runs.map((run) => run[key]),
          0.5,
        ),
        0,
      );
    const walls = runs.map((run) => run.wallMs);
    write(
      'first-sample',
      `Measured ${machine}. Navigation with an empty cache → a finished 25-step DPM-Solver++(2M) sample
(batch 1) on ${runs[0].backend}. The model loads beside the page (issue 18): backend start, weights and
warm-up run in the worker while the explorer paints, and add to the wall time only where they outlast it.
${runs.length === 1 ? 'One cold run.' : `Medians of ${runs.length} cold runs, each column on its own; navigation → done ranged`}
${runs.length === 1 ? '' : `${fmt(Math.min(...walls), 0)}–${fmt(Math.max(...walls), 0)} ms.`}

| page loaded, explorer painted | backend start (incl. wasm download) | weights (download + sha256 + decode) | warm-up | 25 sampling steps | navigation → done (wall) |
|---|---|---|---|---|---|
| ${median('pageMs')} ms | ${median('backendMs')} ms | ${median('weightsMs')} ms | ${median('warmUpMs')} ms | ${median('samplingMs')} ms | ${median('wallMs')} ms |`,
    );
  }

  // 4. Sizes.
  if (want('sizes')) {
    const kb = (bytes) => (bytes / 1024).toFixed(1);
    write(
      'sizes',
      `Measured ${machine} (gzip -9).

| what | file | raw (KiB) | gzip (KiB) |
|---|---|---|---|
${sizes()
  .map((r) => `| ${r.label} | ${r.path.replace('dist/', '')} | ${kb(r.raw)} | ${kb(r.gzip)} |`)
  .join('\n')}`,
    );
  }
  console.log(`\nwrote ${output}`);
} finally {
  await browser.close();
  server.stop();
}

/** The unmasked WebGL renderer string of a fresh page (e.g. ANGLE on SwiftShader), or "no WebGL2". */
async function webglRenderer(browser) {
  const page = await browser.newPage();
  try {
    return await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
      gl.getExtension('WEBGL_lose_context')?.loseContext();
      return renderer;
    });
  } finally {
    await page.close();
  }
}
