// Issue 27 §1–2: each lesson step sets its own stage (the image too), shows only the panels its text
// is about, and keeps presentation mode; the explorer's image is a URL key.
import { expect, test, type Page } from '@playwright/test';
import { openApp, valueOf } from './helpers';

const ready = (page: Page) => page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
const step = (page: Page) => page.getByTestId('lesson');
const hashOf = (page: Page) => page.evaluate(() => window.location.hash);

/** The measured pooling gain of the image shown: ~1 for white noise, far above it for the photograph. */
const measuredGain = (page: Page) => valueOf(page, 'snr-measured-gain');

test.describe('lesson stage', () => {
  test('white noise loaded in step 4 does not follow the student into step 5', async ({ page }) => {
    await openApp(page, '#lesson=4&lang=en');
    await expect.poll(() => measuredGain(page)).toBeGreaterThan(10);
    await page.getByTestId('sample-white-noise').click();
    await expect.poll(() => measuredGain(page)).toBeLessThan(2);
    await expect.poll(() => hashOf(page)).toContain('image=white-noise');

    await page.getByTestId('lesson-next').click();
    await expect(step(page)).toHaveAttribute('data-step', '5');
    // Step 5 is about the photograph: it loads it again, and its shift is on.
    await expect.poll(() => measuredGain(page)).toBeGreaterThan(10);
    await expect.poll(() => hashOf(page)).toContain('image=photo');
    await expect(page.getByTestId('shift-toggle')).toBeChecked();
  });

  test('a step shows only the panels its text is about; later panels appear with their steps', async ({ page }) => {
    await openApp(page, '#lesson=1&lang=en');
    await expect(page.getByTestId('panel-lo')).toBeVisible();
    for (const hidden of [
      'panel-hi',
      'panel-pooled',
      'pooled-gain-callout',
      'snr-measured-gain',
      'logsnr-hi',
      'logsnr-pooled',
    ]) {
      await expect(page.getByTestId(hidden), `step 1: ${hidden}`).toBeHidden();
    }
    await expect(page.getByTestId('logsnr-lo')).toBeVisible();

    await page.getByTestId('lesson-next').click();
    await expect(step(page)).toHaveAttribute('data-step', '2');
    await expect(page.getByTestId('panel-hi')).toBeVisible();
    await expect(page.getByTestId('panel-lo')).toBeVisible();
    await expect(page.getByTestId('panel-pooled')).toBeHidden();
    await expect(page.getByTestId('pooled-gain-callout')).toBeHidden();

    await page.getByTestId('lesson-next').click();
    await expect(step(page)).toHaveAttribute('data-step', '3');
    for (const shown of ['panel-hi', 'panel-lo', 'panel-pooled', 'pooled-gain-callout', 'snr-measured-gain']) {
      await expect(page.getByTestId(shown), `step 3: ${shown}`).toBeVisible();
    }

    // Out of the lesson, the explorer shows all three again.
    await page.getByTestId('lesson-exit').click();
    await expect(page.getByTestId('panel-hi')).toBeVisible();
    await expect(page.getByTestId('panel-pooled')).toBeVisible();
  });

  test('present=on in a lesson link is kept, and stays on from step to step', async ({ page }) => {
    await openApp(page, '#lesson=3&present=on&lang=en');
    await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('lesson-step')).toBeVisible();
    await expect.poll(() => hashOf(page)).toContain('present=on');
    await page.getByTestId('lesson-next').click();
    await expect(step(page)).toHaveAttribute('data-step', '4');
    await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('lesson-step')).toBeVisible();
  });
});

test.describe('the explorer image in the URL', () => {
  test('image=white-noise opens on the white-noise sample, and the buttons write the key', async ({ page }) => {
    await openApp(page, '#image=white-noise&lang=en');
    await expect.poll(() => measuredGain(page)).toBeLessThan(2);
    await page.getByTestId('sample-photo').click();
    await expect.poll(() => measuredGain(page)).toBeGreaterThan(10);
    await expect.poll(() => hashOf(page)).toContain('image=photo');
  });

  test("image=own (the sender's own image) shows the photograph and says why", async ({ page }) => {
    await page.goto('./#image=own&lang=en');
    await ready(page);
    await expect(page.getByTestId('image-notices')).toContainText('cannot carry');
    await expect.poll(() => measuredGain(page)).toBeGreaterThan(10);
    await expect.poll(() => hashOf(page)).toContain('image=photo');
  });
});
