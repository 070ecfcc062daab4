// Screenshots of the lab's charts (all overlays on, each chart tab) and the explorer's spectrum at
// desktop, phone and projector sizes, into docs/screenshots/: for looking at, not a test.
// Usage (after `npx vite build`): SNRLAB_PORT=4412 node test/browser/chartScreenshots.mjs
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const PORT = Number(process.env.SNRLAB_PORT ?? 4412);
const OUT = 'docs/screenshots';
const SIZES = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 420, height: 900 },
  { name: 'projector', width: 1280, height: 720 },
];
const CHARTS = ['logsnr', 'alpha', 'sigma', 'snr-db', 'effective'];

// The vite binary itself, not npx: killing npx would leave the server running.
const server = spawn(
  'node_modules/.bin/vite',
  ['preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
  },
);
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`http://127.0.0.1:${PORT}/`);
      break;
    } catch (error) {
      if (tries > 60) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  for (const size of SIZES) {
    const page = await browser.newPage({ viewport: { width: size.width, height: size.height } });
    await page.goto(`http://127.0.0.1:${PORT}/#t=0.5&hi=512&lo=64&target=512&equiv=on`);
    await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
    const spectrum = page.getByTestId('spectrum-chart');
    await spectrum.waitFor();
    await spectrum.scrollIntoViewIfNeeded();
    await spectrum.screenshot({ path: `${OUT}/spectrum-${size.name}.png` });
    for (const box of await page.locator('[data-testid^="overlay-"]').all()) await box.check();
    for (const chart of CHARTS) {
      await page.getByTestId(`chart-${chart}`).click();
      const figure = page.getByTestId('curve-chart');
      await page.waitForFunction(
        (label) => document.querySelector('[data-testid="curve-chart"]')?.getAttribute('aria-label')?.startsWith(label),
        await page.getByTestId(`chart-${chart}`).innerText(),
      );
      await page.waitForTimeout(300);
      await figure.scrollIntoViewIfNeeded();
      await figure.screenshot({ path: `${OUT}/lab-${chart}-${size.name}.png` });
    }
    const histogram = page.locator('figure[aria-label^="Histogram"]');
    await histogram.scrollIntoViewIfNeeded();
    await histogram.screenshot({ path: `${OUT}/lab-histogram-${size.name}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
