// Screenshots of the lab's charts (all overlays on, each chart tab) and the explorer's spectrum at
// desktop, phone and projector sizes, into docs/screenshots/: for looking at, not a test.
// Usage (after `npx vite build`): node docs/screenshots/charts.mjs
import { OUT, SIZES, startSession } from './session.mjs';

const CHARTS = ['logsnr', 'alpha', 'sigma', 'snr-db', 'effective'];

const session = await startSession();
try {
  for (const [sizeName, viewport] of Object.entries(SIZES)) {
    const size = { name: sizeName };
    const page = await session.open(viewport, '#t=0.5&hi=512&lo=64&target=512&equiv=on');
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
  await session.close();
}
