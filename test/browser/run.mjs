// Browser stage of `npm test`: checks for Chromium (a clear message, not a stack trace), builds
// the app, and runs the Playwright specs against the built app served locally.
import { spawnSync } from 'node:child_process';
import { findChromium, MISSING_CHROMIUM_MESSAGE } from '../../tools/chromium.mjs';

if (!findChromium()) {
  console.error(MISSING_CHROMIUM_MESSAGE);
  process.exit(1);
}
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1;
if (process.env.SNRLAB_SKIP_BUILD !== '1') {
  const built = run('npx', ['vite', 'build', '--logLevel', 'warn']);
  if (built !== 0) process.exit(built);
}
process.exit(run('npx', ['playwright', 'test', '-c', 'test/browser/playwright.config.ts', ...process.argv.slice(2)]));
