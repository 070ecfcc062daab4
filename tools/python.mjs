// Finds a python3 that has PyTorch: Debian's /usr/bin/python3 first (its python3-torch package is
// what the training pipeline uses), then whatever `python3` is on PATH.
import { spawnSync } from 'node:child_process';

export const MISSING_TORCH_MESSAGE =
  'The training tests need Python 3 with PyTorch, NumPy, Pillow and pytest. On Debian: `apt-get install python3-torch python3-numpy python3-pil python3-pytest`.';

export function findPython(modules = ['torch', 'numpy', 'PIL', 'pytest']) {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return candidate;
  }
  return null;
}

// `node tools/python.mjs ARGS…` runs that python with ARGS (used by `npm run test:train`).
if (import.meta.url === `file://${process.argv[1]}`) {
  const python = findPython();
  if (!python) {
    console.error(MISSING_TORCH_MESSAGE);
    process.exit(1);
  }
  process.exit(spawnSync(python, process.argv.slice(2), { stdio: 'inherit' }).status ?? 1);
}
