// Issue 13, items 4 and 5: what the sampler shows before, during and after a run, "denoise my
// image" in its own panel, and the warning about WebGPU on a software adapter.
import { expect, test, type Page } from '@playwright/test';
import { openApp, valueOf } from './helpers';
import { serveModel, TINY_MODEL } from './modelRoutes';

/** RGBA pixels of a canvas (optionally one size × size tile of it). */
function pixelsOf(page: Page, selector: string, index = 0, size?: number): Promise<number[]> {
  return page
    .locator(selector)
    .nth(index)
    .evaluate((canvas: HTMLCanvasElement, tile) => {
      const context = canvas.getContext('2d')!;
      return Array.from(context.getImageData(0, 0, tile ?? canvas.width, tile ?? canvas.height).data);
    }, size);
}

const meanAbsDiff = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

test('first load: no blank canvas in the sampler, placeholders say what will appear', async ({ page }) => {
  await openApp(page, '#backend=wasm');
  await expect(page.getByTestId('sampler-placeholder')).toBeVisible();
  await expect(page.getByTestId('sampler-placeholder')).toContainText('Press Sample');
  await expect(page.getByTestId('denoise-placeholder')).toBeVisible();
  const visibleCanvases = await page.locator('section.sampler canvas:visible').count();
  expect(visibleCanvases, 'no empty grey boxes before anything ran').toBe(0);
  // The contract's handles are still in the page, only hidden.
  await expect(page.getByTestId('sample-output')).toHaveCount(1);
  await expect(page.getByTestId('software-adapter-warning')).toHaveCount(0);
});

test('during a run: elapsed rises and an ETA shows; "total" only once it is done', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=1000&batch=1&backend=cpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('sampling', { timeout: 60_000 });
  await expect.poll(() => valueOf(page, 'sample-elapsed')).toBeGreaterThan(300);
  await expect.poll(() => valueOf(page, 'sample-eta')).toBeGreaterThan(0);
  await expect(page.getByTestId('sample-total-ms')).toHaveCount(0);
  const elapsedBefore = await valueOf(page, 'sample-elapsed');
  await expect(page.getByTestId('sample-eta')).toHaveText(/\d+(\.\d)? s|min/);
  await page.waitForTimeout(800);
  expect(await valueOf(page, 'sample-elapsed')).toBeGreaterThan(elapsedBefore + 400);
  expect(await valueOf(page, 'sample-eta')).toBeGreaterThan(0);
  // The live previews are up and drawn (every step), the result waits.
  await expect(page.getByTestId('preview-x0')).toBeVisible();
  await expect(page.locator('.result-placeholder')).toContainText('appear here when the run ends');
  await page.getByTestId('cancel-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('cancelled');
  await expect(page.locator('.result-placeholder')).toContainText('Cancelled after step');
});

test('ms/step is the running median of the step times, and every step sends a preview', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=30&batch=1&backend=wasm');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  const { stepMs, previewCount } = await page.evaluate(() => window.__snrlab!.lastSample!);
  expect(stepMs).toHaveLength(30);
  expect(previewCount, 'a preview every step').toBe(30);
  const lastNine = stepMs.slice(-9).sort((a, b) => a - b);
  expect(await valueOf(page, 'ms-per-step')).toBeCloseTo(lastNine[4], 6);
  await expect(page.getByTestId('sample-total-ms')).toBeVisible();
  await expect(page.getByTestId('sample-elapsed')).toHaveCount(0);
});

test('when done: a filmstrip of x̂₀ at several steps, distinct from the result', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=12&batch=4&seed=3&backend=wasm');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  const frames = page.getByTestId('filmstrip-frame');
  await expect(frames).toHaveCount(5);
  await expect(page.getByTestId('sample-filmstrip')).toBeVisible();
  await expect(page.getByTestId('sample-output')).toBeVisible();
  // The live previews gave way to the filmstrip: no three identical grids.
  await expect(page.getByTestId('preview-xt')).toBeHidden();
  await expect(page.getByTestId('preview-x0')).toBeHidden();
  const steps = await frames.evaluateAll((canvases) => canvases.map((c) => Number(c.dataset.step)));
  expect(steps).toEqual([...steps].sort((a, b) => a - b));
  expect(Math.max(...steps)).toBeLessThan(12);
  const first = await pixelsOf(page, '[data-testid="filmstrip-frame"]', 0);
  const last = await pixelsOf(page, '[data-testid="filmstrip-frame"]', 4);
  const result = await pixelsOf(page, '[data-testid="sample-output"]', 0, 64); // sample 1's tile
  expect(first).toHaveLength(64 * 64 * 4);
  expect(meanAbsDiff(first, last), 'the guess changes along the strip').toBeGreaterThan(1);
  expect(meanAbsDiff(first, result), 'the first guess is not the result').toBeGreaterThan(1);
  expect(await page.getByTestId('sample-output').evaluate((c: HTMLCanvasElement) => c.width)).toBe(128);
});

test('denoise my image draws in its own panel and leaves the sample run as it was', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#t=0.5&steps=6&batch=1&backend=wasm');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  const output = await pixelsOf(page, '[data-testid="sample-output"]');
  const strip = await pixelsOf(page, '[data-testid="filmstrip-frame"]', 0);
  const msPerStep = await valueOf(page, 'ms-per-step');
  const total = await valueOf(page, 'sample-total-ms');
  await page.getByTestId('denoise-image').click();
  await expect(page.getByTestId('denoise-status')).toContainText('done', { timeout: 120_000 });
  await expect(page.getByTestId('denoise-placeholder')).toHaveCount(0);
  const panel = page.getByTestId('denoise-panel');
  for (const id of ['denoise-xt', 'denoise-x0', 'denoise-resample']) {
    await expect(panel.getByTestId(id)).toBeVisible();
    expect(await panel.getByTestId(id).evaluate((c: HTMLCanvasElement) => c.width)).toBe(64);
  }
  // The sample run's figures and numbers are untouched.
  expect(await pixelsOf(page, '[data-testid="sample-output"]')).toEqual(output);
  expect(await pixelsOf(page, '[data-testid="filmstrip-frame"]', 0)).toEqual(strip);
  await expect(page.getByTestId('sample-filmstrip')).toBeVisible();
  expect(await valueOf(page, 'ms-per-step')).toBe(msPerStep);
  expect(await valueOf(page, 'sample-total-ms')).toBe(total);
});

test('WebGPU on a software adapter is warned about before running, with a switch to WebAssembly', async ({ page }) => {
  // Chromium here runs WebGPU on SwiftShader (--enable-unsafe-webgpu): a fallback adapter.
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=2&batch=1&backend=webgpu');
  const warning = page.getByTestId('software-adapter-warning');
  await expect(warning).toBeVisible({ timeout: 60_000 });
  await expect(warning).toContainText('software');
  await expect(warning).toContainText('100× slower than with WebAssembly');
  await expect(page.getByTestId('sample-status')).toHaveText('idle'); // said before any run
  await page.getByTestId('use-wasm-button').click();
  await expect(page.getByTestId('backend-select')).toHaveValue('wasm');
  await expect(warning).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('backend=wasm');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toContainText('wasm');
});

test('the sampler has its own spacing control, and says when its shift barely changes anything', async ({ page }) => {
  await openApp(page, '#backend=wasm');
  const spacing = page.locator('section.sampler').getByTestId('spacing-select');
  // The default, steps uniform in λ: a shift only moves the ends of the range, and the note says so.
  await expect(spacing).toHaveValue('uniform-logsnr');
  await expect(page.getByTestId('shift-inert-note')).toBeVisible();
  await expect(page.getByTestId('shift-inert-note')).toContainText('only moves the ends of the λ range');
  // Uniform in t: a shift moves the steps, so no note; the link keeps the choice.
  await spacing.selectOption('uniform-t');
  await expect(page.getByTestId('shift-inert-note')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('spacing=uniform-t');
});
