// `npm run bench:baseline -- <git ref>`: this build against the build of <ref>, side by side in one
// run on one machine (the machine is shared and noisy; only ratios measured together mean much).
// Builds <ref> in a temporary git worktree, serves both builds, and alternates them: the explorer's
// slider latency at each H, and navigation → first finished sample. Writes the `baseline` block of
// docs/BENCHMARKS.md (or test-results/bench-baseline.md with --quick).
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_ARGS, findChromium, MISSING_CHROMIUM_MESSAGE } from '../tools/chromium.mjs';
import { explorerLatency } from './explorerLatency.mjs';
import { firstSampleBench } from './firstSample.mjs';
import { machineLine, quantile, writeBlock } from './markdown.mjs';
import { startStaticServer } from './staticServer.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ref = args.find((arg) => !arg.startsWith('--'));
// --runs=N: first-sample runs per build (3 by default); its spread on this machine is ±10 %.
const runsArg = args.find((arg) => arg.startsWith('--runs='));
if (!ref) {
  console.error('Usage: npm run bench:baseline -- <git ref> [--quick] [--runs=N]   (e.g. main~3, a commit, a tag)');
  process.exit(2);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error(MISSING_CHROMIUM_MESSAGE);
  process.exit(1);
}
const run = (command, commandArgs, cwd = '.') => {
  const status = spawnSync(command, commandArgs, { cwd, stdio: 'inherit' }).status;
  if (status !== 0) throw new Error(`${command} ${commandArgs.join(' ')} failed in ${cwd}`);
};
const commit = spawnSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' });
if (commit.status !== 0) {
  console.error(`Not a commit here: ${ref}`);
  process.exit(2);
}
const baseName = `${ref} (${commit.stdout.trim()})`;

const sizes = quick ? [256] : [512, 2048];
const rounds = quick ? 1 : 2;
const presses = quick ? 3 : 30; // per build, per round
const sampleRuns = quick ? 1 : runsArg ? Number(runsArg.slice('--runs='.length)) : 3;
if (!Number.isInteger(sampleRuns) || sampleRuns < 1) {
  console.error(`--runs wants a whole number of runs (at least 1), not “${runsArg}”.`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'snrlab-baseline-'));
const servers = [];
let browser;
try {
  run('git', ['worktree', 'add', '--detach', dir, ref]);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  run('npx', ['vite', 'build', '--logLevel', 'error'], dir);
  run('npx', ['vite', 'build', '--logLevel', 'error']);
  const port = Number(process.env.SNRLAB_BENCH_PORT ?? 4318);
  servers.push(await startStaticServer(port + 2, join(dir, 'dist')), await startStaticServer(port + 3));
  const builds = [
    { name: `baseline: ${baseName}`, url: servers[0].url },
    { name: 'this build', url: servers[1].url },
  ];
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const machine = machineLine(`Chromium ${browser.version()} (headless)`);
  // Alternate which build goes first each round, so a slow spell of the machine hits both.
  const inTurn = (round) => (round % 2 ? [...builds].reverse() : builds);

  const slider = new Map(builds.map((b) => [b.name, new Map(sizes.map((hi) => [hi, { paint: [], work: [] }]))]));
  for (const hi of sizes) {
    for (let round = 0; round < rounds; round++) {
      for (const build of inTurn(round)) {
        // `?mix=auto`: the app's own choice of mix path (an older build ignores the parameter).
        const [result] = await explorerLatency(browser, build.url, [hi], presses, quantile, ['auto']);
        const into = slider.get(build.name).get(hi);
        into.paint.push(...result.latencies);
        into.work.push(...result.work);
      }
    }
  }
  const first = new Map(builds.map((b) => [b.name, []]));
  for (let round = 0; round < sampleRuns; round++) {
    for (const build of inTurn(round)) first.get(build.name).push(await firstSampleBench(browser, build.url));
  }

  const fmt = (value) => (Number.isFinite(value) ? value.toFixed(1) : '—');
  const median = (values) => quantile(values, 0.5);
  const sliderRows = sizes.flatMap((hi) =>
    builds.map(({ name }) => {
      const { paint, work } = slider.get(name).get(hi);
      return `| ${hi} | ${name} | ${fmt(median(work))} | ${fmt(quantile(work, 0.95))} | ${fmt(median(paint))} | ${fmt(quantile(paint, 0.95))} | ${work.length} |`;
    }),
  );
  const firstRows = builds.map(({ name }) => {
    const runs = first.get(name);
    const col = (key) => fmt(median(runs.map((r) => r[key])));
    return `| ${name} | ${col('pageMs')} | ${col('backendMs')} | ${col('weightsMs')} | ${col('warmUpMs')} | ${col('samplingMs')} | ${col('wallMs')} | ${runs.length} |`;
  });
  const body = `Measured ${machine}: ${baseName} against this build, alternating in one run.

Explorer slider (as in §1): update = input event → end of the synchronous update; to paint = input
event → the task after the next animation frame. ${rounds} rounds × ${presses} steps per build and H.

| H (px) | build | update median (ms) | update p95 (ms) | to paint median (ms) | to paint p95 (ms) | slider steps |
|---|---|---|---|---|---|---|
${sliderRows.join('\n')}

First sample (as in §3), median of ${sampleRuns} runs per build. With the model loaded beside the page,
backend, weights and warm-up overlap the page load instead of following the click.

| build | page loaded, explorer painted (ms) | backend start (ms) | weights (ms) | warm-up (ms) | 25 sampling steps (ms) | navigation → done (ms) | runs |
|---|---|---|---|---|---|---|---|
${firstRows.join('\n')}`;
  const output = quick ? 'test-results/bench-baseline.md' : 'docs/BENCHMARKS.md';
  mkdirSync('test-results', { recursive: true });
  writeBlock(output, 'baseline', body);
  console.log(`\n${body}\n\nwrote ${output}`);
} finally {
  await browser?.close();
  for (const server of servers) server.stop();
  spawnSync('git', ['worktree', 'remove', '--force', dir], { stdio: 'inherit' });
  rmSync(dir, { recursive: true, force: true });
}
