// Issue 27 §3: the resolution ladder (view=ladder) and the blink comparison.
import { expect, test, type Page } from '@playwright/test';
import { openApp, renders, valueOf } from './helpers';

const RUNGS = [64, 128, 256, 512, 1024];

/** Mean squared difference of horizontally adjacent pixels: the fine-grained noise a canvas shows. */
async function roughness(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let count = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 1; x < width; x++) {
        for (let c = 0; c < 3; c++) {
          const d = data[(y * width + x) * 4 + c] - data[(y * width + x - 1) * 4 + c];
          sum += d * d;
          count += 1;
        }
      }
    }
    return sum / count;
  });
}

/** The canvas's pixels as one string, to tell which panel it copies. */
const pixels = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate((canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data).join(','),
    );

test.describe('resolution ladder', () => {
  test('every rung pooled to L: cleaner with size at one λ, alike at each rung\u2019s own shift', async ({ page }) => {
    await openApp(page, '#view=ladder&t=0.5&lang=en');
    await expect(page.getByTestId('ladder')).toBeVisible();
    await expect(page.getByTestId('panels')).toBeHidden();
    for (const d of RUNGS) await expect(page.getByTestId(`ladder-rung-${d}`)).toBeVisible();
    await expect(page.getByTestId('ladder-rung-2048')).toHaveCount(0);

    // Theory: pooling d → L adds 2·ln(d/L) to λ; the shift takes it away again.
    const base = await valueOf(page, 'ladder-pooled-64-logsnr');
    for (const d of RUNGS) {
      expect(await valueOf(page, `ladder-pooled-${d}-logsnr`), `${d}`).toBeCloseTo(base + 2 * Math.log(d / 64), 9);
      expect(await valueOf(page, `ladder-shifted-${d}-logsnr`), `${d} shifted`).toBeCloseTo(base, 9);
    }

    // Measured on the pixels: one λ, the pooled copies get cleaner rung by rung ...
    const same = [];
    const shifted = [];
    for (const d of RUNGS) {
      same.push(await roughness(page, `ladder-pooled-${d}`));
      shifted.push(await roughness(page, `ladder-shifted-${d}`));
    }
    for (let i = 1; i < RUNGS.length; i++) expect(same[i], `rung ${RUNGS[i]}`).toBeLessThan(same[i - 1]);
    expect(same[same.length - 1]).toBeLessThan(0.3 * same[0]);
    // ... and each at its own shift, they are alike (the same noise level as L, within draw noise).
    expect(Math.max(...shifted) / Math.min(...shifted)).toBeLessThan(1.4);
  });

  test('the ladder toggle writes view= and follows t; an embed shows it too', async ({ page }) => {
    await openApp(page, '#lang=en');
    await page.getByTestId('ladder-toggle').click();
    await expect(page.getByTestId('ladder')).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('view=ladder');
    const before = await valueOf(page, 'ladder-pooled-128-logsnr');
    await page.getByTestId('t-slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => valueOf(page, 'ladder-pooled-128-logsnr')).toBeLessThan(before);
    await page.getByTestId('ladder-toggle').click();
    await expect(page.getByTestId('ladder')).toHaveCount(0);
    await expect(page.getByTestId('panel-pooled')).toBeVisible();

    await openApp(page, '#embed=explorer&view=ladder&lang=en');
    await expect(page.getByTestId('ladder-rung-512')).toBeVisible();
  });
});

test.describe('blink', () => {
  test('alternates L and pooled H in one place, about twice a second, and stops', async ({ page }) => {
    await openApp(page, '#shift=auto&lang=en');
    await page.getByTestId('blink-toggle').click();
    const panel = page.getByTestId('blink-panel');
    await expect(panel).toBeVisible();
    const rendersBefore = await renders(page);
    const seen = new Set<string>();
    for (let i = 0; i < 12 && seen.size < 2; i++) {
      const showing = (await panel.getAttribute('data-showing'))!;
      seen.add(showing);
      // The blink canvas holds exactly the panel it names.
      const source = showing === 'pooled' ? '[data-testid="panel-pooled"]' : '[data-testid="panel-lo"]';
      const copy = await pixels(page, '[data-testid="blink-panel"] canvas');
      if ((await panel.getAttribute('data-showing')) === showing) expect(copy).toBe(await pixels(page, source));
      await page.waitForTimeout(150);
    }
    expect([...seen].sort()).toEqual(['lo', 'pooled']);
    // each phase copies a panel; none re-mixes the three panels
    expect(await renders(page)).toBe(rendersBefore);
    await page.getByTestId('blink-toggle').click();
    await expect(panel).toHaveCount(0);
  });
});
