// Screenshots of the views a new user sees, at the three sizes we check by eye (desktop, a 420 px
// phone, a 1280×720 projector). Build first (`npx vite build`), then:
//   node docs/screenshots/take.mjs [name ...]        (default: all views below)
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../test/browser/chromium.mjs';

const PORT = Number(process.env.SNRLAB_PORT ?? 4420);
const OUT = new URL('.', import.meta.url).pathname;
const SIZES = { desktop: [1280, 900], narrow: [420, 900], projector: [1280, 720] };

/** name → [hash, what to capture ('page' or a CSS selector), optional async action]. */
const VIEWS = {
  'explorer-shift-off': ['#t=0.55&shift=off', '.explorer'],
  'explorer-shift-on': ['#t=0.55&shift=auto', '.explorer'],
  presentation: ['#t=0.55&shift=auto&present=on', 'page'],
};

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'], {
  stdio: 'ignore',
});
try {
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const wanted = process.argv.slice(2);
  for (const [name, [hash, target, action]] of Object.entries(VIEWS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    for (const [size, [width, height]] of Object.entries(SIZES)) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`http://127.0.0.1:${PORT}/${hash}`);
      await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
      await page.waitForTimeout(1500); // lazy charts
      if (action) await action(page);
      const file = `${OUT}${name}-${size}.png`;
      if (target === 'page') await page.screenshot({ path: file });
      else await page.locator(target).screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
  await browser.close();
} finally {
  server.kill();
}
