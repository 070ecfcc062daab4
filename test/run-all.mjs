// `npm test`: type check, lint, unit tests (vitest, Node) and browser tests (Playwright, Chromium),
// in that order. Every stage runs even if an earlier one fails; the exit code is non-zero if any
// failed, and the last line gives the counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
for (const report of ['test-results/unit.json', 'test-results/browser.json', 'test-results/train.xml']) {
  rmSync(report, { force: true });
}

const stages = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: ['npx', 'eslint', '.', '--max-warnings', '0'] },
  {
    name: 'unit',
    command: [
      'npx',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/unit.json',
    ],
    report: 'test-results/unit.json',
    count: (json) => ({ passed: json.numPassedTests, failed: json.numFailedTests + (json.numFailedTestSuites ?? 0) }),
  },
  {
    name: 'browser',
    command: ['node', 'test/browser/run.mjs'],
    report: 'test-results/browser.json',
    count: (json) => ({ passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected }),
  },
  {
    name: 'train',
    command: [
      'node',
      'tools/python.mjs',
      '-m',
      'pytest',
      '-q',
      '-p',
      'no:cacheprovider',
      'train/tests',
      '--junitxml=test-results/train.xml',
    ],
    report: 'test-results/train.xml',
    parse: 'junit',
    count: (xml) => {
      const attribute = (name) => Number(new RegExp(`<testsuite[^>]*\\s${name}="(\\d+)"`).exec(xml)?.[1] ?? 0);
      const failed = attribute('failures') + attribute('errors');
      return { passed: attribute('tests') - failed - attribute('skipped'), failed };
    },
  },
  // Every benchmark once at its smallest size: proves `npm run bench` works (no timing thresholds).
  { name: 'bench-quick', command: ['node', 'bench/run.mjs', '--quick'] },
];

const results = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name}: ${stage.command.join(' ')}`);
  const status = spawnSync(stage.command[0], stage.command.slice(1), { stdio: 'inherit' }).status ?? 1;
  let counts = null;
  if (stage.report && existsSync(stage.report)) {
    try {
      const text = readFileSync(stage.report, 'utf8');
      counts = stage.count(stage.parse === 'junit' ? text : JSON.parse(text));
    } catch {
      counts = null;
    }
  }
  results.push({ name: stage.name, ok: status === 0, counts });
}

const passed = results.reduce((sum, r) => sum + (r.counts?.passed ?? 0), 0);
const failed = results.reduce((sum, r) => sum + (r.counts?.failed ?? 0), 0);
const failedStages = results.filter((r) => !r.ok).map((r) => r.name);
console.log(
  '\n' +
    results
      .map(
        (r) =>
          `${r.name} ${r.ok ? 'ok' : 'FAILED'}${r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : ''}`,
      )
      .join('; '),
);
console.log(
  `${passed} passed, ${failed} failed${failedStages.length ? ` — failed stages: ${failedStages.join(', ')}` : ' — all stages passed'}`,
);
process.exit(failedStages.length ? 1 : 0);
