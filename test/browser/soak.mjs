// `npm run soak`: the long form of the monkey (monkey.spec.ts), ten minutes by default, any seed:
//   SNRLAB_MONKEY_SEED=123 SNRLAB_MONKEY_SECONDS=300 npm run soak
// Writes its figures (actions, errors, tensor and heap high-water marks) into docs/RELIABILITY.md
// between the soak markers. A failing run prints its seed and the replay command (session.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const seed = process.env.SNRLAB_MONKEY_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
const seconds = process.env.SNRLAB_MONKEY_SECONDS ?? '600';
console.log(`soak: seed ${seed}, ${seconds} s`);
rmSync('test-results/monkey.json', { force: true });
const status =
  spawnSync('node', ['test/browser/run.mjs', 'monkey.spec.ts'], {
    stdio: 'inherit',
    env: { ...process.env, SNRLAB_MONKEY_SEED: seed, SNRLAB_MONKEY_SECONDS: seconds },
  }).status ?? 1;
if (status !== 0) {
  console.error(`soak failed (seed ${seed}); docs/RELIABILITY.md left as it was.`);
  process.exit(status);
}

const figures = JSON.parse(readFileSync('test-results/monkey.json', 'utf8'));
const mb = (value) => value.toFixed(1);
const table = [
  `Last soak: ${new Date().toISOString().slice(0, 10)}, seed ${figures.seed}, ${figures.seconds} s.`,
  '',
  '| figure | value |',
  '|---|---|',
  `| actions done | ${figures.actions} |`,
  `| samplings ended (done, cancelled, denoise) | ${figures.samplings} |`,
  `| errors (uncaught, console, failed checks) | ${figures.errors} |`,
  `| tfjs tensors after each sampling, low – high | ${figures.tensorsLow} – ${figures.tensorsHigh} |`,
  `| page JS heap after GC, first – high-water | ${mb(figures.heapBaselineMb)} – ${mb(figures.heapHighMb)} MB |`,
  `| slowest slider repaint after an action | ${figures.slowestRepaintMs} ms |`,
  `| actions by kind | ${Object.entries(figures.byName)
    .sort(([, a], [, b]) => b - a)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')} |`,
].join('\n');
const path = 'docs/RELIABILITY.md';
const doc = readFileSync(path, 'utf8');
const start = '<!-- soak:start -->';
const end = '<!-- soak:end -->';
const from = doc.indexOf(start);
const to = doc.indexOf(end);
if (from < 0 || to < 0) throw new Error(`${path} has no ${start} … ${end} markers`);
writeFileSync(path, doc.slice(0, from + start.length) + '\n' + table + '\n' + doc.slice(to));
console.log(table);
