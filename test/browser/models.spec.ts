// Issue 14 (browser part): the models index, the model selector, compare mode and "use in explorer".
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openApp, panelFingerprint, valueOf } from './helpers';
import { serveIndex, serveModel, TINY_MODEL } from './modelRoutes';

/** RGBA pixels of a canvas. */
const pixelsOf = (canvas: Locator): Promise<number[]> =>
  canvas.evaluate((element: HTMLCanvasElement) =>
    Array.from(element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data),
  );

/** Standard deviation of the RGB values: a blank (one-colour) image has 0. */
function spread(pixels: number[]): number {
  const values = pixels.filter((_, i) => i % 4 !== 3);
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

const meanAbsDiff = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

async function hashParam(page: Page, key: string): Promise<string | null> {
  return page.evaluate((name) => new URLSearchParams(window.location.hash.slice(1)).get(name), key);
}

const COMPARED = ['emoji128w-cosine', 'emoji128w-shifted'] as const;

test('compare mode: the two 128 px models from the same noise, 4 steps on wasm, two different finished results', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page, '#compare=1&steps=4&batch=1&seed=5&backend=wasm');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('sample-output')).toBeHidden();
  for (const name of COMPARED) {
    await expect(page.getByTestId(`compare-status-${name}`)).toHaveText('idle');
    await expect(page.getByTestId(`model-swd-${name}`)).toBeVisible();
  }
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 240_000 });
  const results: number[][] = [];
  for (const name of COMPARED) {
    await expect(page.getByTestId(`compare-status-${name}`)).toHaveText('done');
    const output = page.getByTestId(`compare-output-${name}`);
    expect(await output.evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(128);
    const pixels = await pixelsOf(output);
    expect(spread(pixels), `${name}'s sample is not blank`).toBeGreaterThan(5);
    results.push(pixels);
    await expect(page.getByTestId(`model-image-size-${name}`)).toHaveAttribute('data-source', 'model.json');
    expect(await valueOf(page, `model-image-size-${name}`)).toBe(128);
    await expect(page.getByTestId(`compare-caption-${name}`)).toContainText('its own training schedule');
  }
  expect(meanAbsDiff(results[0], results[1]), 'two models, two different samples').toBeGreaterThan(1);
  await expect(page.getByTestId('compare-caption-emoji128w-shifted')).toContainText('shifted by −1.386 nats');
  await expect(page.getByTestId('compare-caption-emoji128w-cosine')).toContainText('no shift');
  expect(await page.evaluate(() => window.__snrlab!.lastSample!.steps)).toBe(4);

  // Swap schedules: each samples with the other's, and the caption says so.
  await page.getByTestId('swap-toggle').check();
  await expect.poll(() => hashParam(page, 'swap')).toBe('1');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 240_000 });
  await expect(page.getByTestId('compare-caption-emoji128w-cosine')).toContainText(
    "emoji128w-shifted's training schedule: cosine λ ∈ [−15, 15] shifted by −1.386 nats",
  );
  await expect(page.getByTestId('compare-caption-emoji128w-shifted')).toContainText(
    "emoji128w-cosine's training schedule: cosine λ ∈ [−15, 15], no shift",
  );
  const swapped = await pixelsOf(page.getByTestId('compare-output-emoji128w-cosine'));
  expect(meanAbsDiff(swapped, results[0]), 'another schedule, another sample').toBeGreaterThan(0.5);
});

test('model=emoji128w-shifted loads that model, reports its 128 px and samples 4 steps', async ({ page }) => {
  test.setTimeout(240_000);
  await openApp(page, '#model=emoji128w-shifted&steps=4&batch=2&backend=wasm');
  await expect(page.getByTestId('model-select')).toHaveValue('emoji128w-shifted');
  await expect(page.getByTestId('model-image-size')).toHaveAttribute('data-source', 'index');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 200_000 });
  await expect(page.getByTestId('model-image-size')).toHaveAttribute('data-source', 'model.json');
  expect(await valueOf(page, 'model-image-size')).toBe(128);
  expect(await valueOf(page, 'model-schedule')).toBeCloseTo(2 * Math.log(64 / 128), 9);
  await expect(page.getByTestId('model-swd')).toBeVisible();
  const output = page.getByTestId('sample-output');
  expect(await output.evaluate((canvas: HTMLCanvasElement) => [canvas.width, canvas.height])).toEqual([256, 128]);
  expect(spread(await pixelsOf(output))).toBeGreaterThan(5);
  expect(await page.evaluate(() => window.__snrlab!.lastReady!.model.imageSize)).toBe(128);
  // Its training schedule is the manifest's shifted cosine: the first step's λ is −15 − 1.386.
  await expect(page.getByTestId('sample-filmstrip').locator('li').first()).toContainText('λ −16.4');
});

test('the model selector writes model= into the URL; an unknown name falls back with a notice', async ({ page }) => {
  await openApp(page, '#model=emoji999');
  await expect(page.getByTestId('url-notices')).toContainText('“emoji999” in the link is not in the models index');
  await expect(page.getByTestId('model-select')).toHaveValue('emoji64');
  await expect.poll(() => hashParam(page, 'model')).toBe('emoji64');
  await page.getByTestId('model-select').selectOption('emoji128w-cosine');
  await expect.poll(() => hashParam(page, 'model')).toBe('emoji128w-cosine');
  await expect(page.getByTestId('model-image-size')).toHaveAttribute('data-value', '128');
  await page.getByTestId('compare-toggle').check();
  await expect.poll(() => hashParam(page, 'compare')).toBe('1');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  // Comparing samples the pair: the single model's selector is out of use until compare is off.
  await expect(page.getByTestId('model-select')).toBeDisabled();
  await page.getByTestId('compare-toggle').uncheck();
  await expect(page.getByTestId('model-select')).toBeEnabled();
  await expect(page.getByTestId('model-select')).toHaveValue('emoji128w-cosine');
});

test('"use in explorer" makes a finished sample the explorer image, through its upload path', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=2&batch=1&backend=wasm');
  await expect(page.getByTestId('use-in-explorer')).toBeDisabled();
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  const before = await panelFingerprint(page);
  await page.getByTestId('use-in-explorer').click();
  // The explorer's usual notice for a small image: upscaled to H, blocky by design.
  await expect(page.getByTestId('image-notices')).toContainText('Upscaled from 64 px to H = 512 px');
  await expect.poll(() => panelFingerprint(page)).not.toBe(before);
  await expect(page.locator('section.explorer')).toBeFocused();
  await expect(page.locator('section.explorer')).toBeInViewport();
  await expect(page.getByTestId('error-message')).toBeEmpty();
  // The usual size check applies: a 64 px sample is refused at L = 128.
  await page.getByTestId('lo-select').selectOption('128');
  await page.getByTestId('use-in-explorer').click();
  await expect(page.getByTestId('error-message')).toContainText('smaller than the low resolution L = 128 px');
});

for (const [what, body, message] of [
  ['a corrupt', '{"models": [{"name": "emoji64"', 'not valid JSON'],
  ['a missing', null, 'HTTP 404'],
] as const) {
  test(`${what} models index: a clear message, and emoji64 still samples`, async ({ page }) => {
    await serveIndex(page, body);
    await serveModel(page, TINY_MODEL);
    await openApp(page, '#model=emoji128w-cosine&steps=2&batch=1&backend=wasm');
    await expect(page.getByTestId('error-message')).toContainText('models index');
    await expect(page.getByTestId('error-message')).toContainText(message);
    await expect(page.getByTestId('model-select')).toHaveValue('emoji64');
    await expect(page.getByTestId('compare-toggle')).toBeDisabled();
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
    expect(await page.getByTestId('sample-output').evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(64);
  });
}
