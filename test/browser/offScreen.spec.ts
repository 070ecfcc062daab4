// Issue 18, item 1: a slider step re-renders only what can be seen. The lab and the sampler hold
// the last state they showed while scrolled away, and the spectrum chart its last t; each catches
// up when it comes back on screen; a chart mounts only when first scrolled near (issue 18, item 4:
// mounting them all took ~1 s of the page load). (The speed itself is measured by `npm run bench`, not here.)
import { expect, test, type Page } from '@playwright/test';
import { openApp, renders, scrollToChart, valueOf, waitForRender } from './helpers';

test.use({ viewport: { width: 1280, height: 900 } });

/** Moves t by `presses` slider steps of 0.001 and waits for the explorer's repaint. */
async function stepT(page: Page, presses: number): Promise<void> {
  // Focused without scrolling: the test decides what is on screen.
  await page.evaluate(() =>
    document.querySelector<HTMLElement>('[data-testid="t-slider"]')!.focus({ preventScroll: true }),
  );
  for (let i = 0; i < presses; i++) {
    const before = await renders(page);
    await page.keyboard.press('ArrowRight');
    await waitForRender(page, before);
  }
}

test('the lab holds its readout while off screen and catches up when scrolled to', async ({ page }) => {
  await openApp(page, '#t=0.3&hi=512&lo=64');
  const readout = page.locator('.lab .readout-line');
  await expect(readout).toContainText('0.300');
  const heldLogSnr = await valueOf(page, 'lab-logsnr-original');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await stepT(page, 20);
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.32');
  // Off screen: the lab did not follow (nothing re-rendered there).
  await expect(readout).toContainText('0.300');
  expect(await valueOf(page, 'lab-logsnr-original')).toBe(heldLogSnr);

  await readout.scrollIntoViewIfNeeded();
  await expect(readout).toContainText('0.320');
  expect(await valueOf(page, 'lab-logsnr-original')).toBeLessThan(heldLogSnr);

  // On screen it follows at once, even while the slider itself is scrolled away.
  await stepT(page, 10);
  await expect(readout).toContainText('0.330');
});

test('the charts mount, and the spectrum is computed, only when scrolled to', async ({ page }) => {
  await openApp(page, '#t=0.3&hi=512&lo=64');
  // Long enough for the deferred chart chunks and the spectrum worker, had they been asked for.
  await page.waitForTimeout(1500);
  for (const name of ['spectrum', 'curves', 'histogram']) {
    await expect(page.getByTestId(`chart-slot-${name}`).locator('.chart-placeholder')).toHaveCount(1);
  }
  await expect(page.locator('svg.recharts-surface')).toHaveCount(0);
  const spectrumWorkers = () => page.workers().filter((worker) => worker.url().includes('spectrumWorker')).length;
  expect(spectrumWorkers()).toBe(0);

  await scrollToChart(page, 'spectrum');
  await expect(page.getByTestId('spectrum-chart').locator('path.recharts-line-curve')).toHaveCount(2);
  expect(spectrumWorkers()).toBe(1);
  // The lab's charts are further down: still placeholders.
  await expect(page.getByTestId('chart-slot-histogram').locator('.chart-placeholder')).toHaveCount(1);
  await scrollToChart(page, 'histogram');
  await expect(page.getByTestId('histogram-chart')).toBeVisible();
  await expect(page.getByTestId('chart-slot-histogram').locator('.chart-placeholder')).toHaveCount(0);
  // Mounted once, a chart stays mounted when scrolled away.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await expect(page.getByTestId('spectrum-chart')).toBeAttached();
});

test('the spectrum chart follows t only while on screen', async ({ page }) => {
  await openApp(page, '#t=0.3&hi=512&lo=64');
  // Mounted (it mounts when first near the screen), then scrolled away again.
  await scrollToChart(page, 'spectrum');
  const summary = page.getByTestId('spectrum-summary');
  await expect(summary).toContainText('Pooling to L');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300); // the IntersectionObserver reports the chart gone
  const before = await summary.textContent();
  // Far enough that the noise-dominated frequency moves.
  await page.getByTestId('t-slider').fill('0.8');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.8');
  await page.waitForTimeout(300);
  expect(await summary.textContent()).toBe(before);
  await summary.scrollIntoViewIfNeeded();
  await expect(summary).not.toHaveText(before ?? '');
});
