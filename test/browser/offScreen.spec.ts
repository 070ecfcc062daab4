// Issue 18, item 1: a slider step re-renders only what can be seen. The lab and the sampler hold
// the last state they showed while scrolled away, and the spectrum chart its last t; each catches
// up when it comes back on screen. (The speed itself is measured by `npm run bench`, not here.)
import { expect, test, type Page } from '@playwright/test';
import { openApp, renders, valueOf, waitForRender } from './helpers';

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

test('the spectrum chart follows t only while on screen', async ({ page }) => {
  await openApp(page, '#t=0.3&hi=512&lo=64');
  const summary = page.getByTestId('spectrum-summary');
  await expect(summary).toBeAttached();
  const before = await summary.textContent();
  // Far enough that the noise-dominated frequency moves.
  await page.getByTestId('t-slider').fill('0.8');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.8');
  await page.waitForTimeout(300);
  expect(await summary.textContent()).toBe(before);
  await summary.scrollIntoViewIfNeeded();
  await expect(summary).not.toHaveText(before ?? '');
});
