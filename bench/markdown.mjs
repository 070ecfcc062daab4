// Writes one benchmark's results into its marked block of docs/BENCHMARKS.md, leaving the
// hand-written text around it (predictions, outcomes) alone.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export function machineLine(browserVersion) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} × ${cpu}, ${Math.round(
    os.totalmem() / 2 ** 30,
  )} GiB, Node ${process.version}${browserVersion ? `, ${browserVersion}` : ''}`;
}

export function writeBlock(file, name, body) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  text =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}
