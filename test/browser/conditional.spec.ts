// Issue 25 §2 (browser part): a class-conditional model with classifier-free guidance. The tiny
// conditional fixture model is served in emoji64's place, beside an index that lists its labels,
// so these tests do not depend on the shipped weights.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';
import {
  conditionalIndex,
  MODEL_INDEX,
  serveIndex,
  serveModel,
  SHIPPED_MODEL,
  shippedModelPresent,
  TINY_COND_MODEL,
  TINY_MODEL,
} from './modelRoutes';

const LABELS = JSON.parse(readFileSync(`${TINY_COND_MODEL}/model.json`, 'utf8')).snrlab.labels as {
  category: string[];
  vendor: string[];
};
/** The index's default w for the served model (not the URL's). */
const INDEX_GUIDANCE = 2;

async function serveConditional(page: Page) {
  await serveIndex(page, conditionalIndex(LABELS, INDEX_GUIDANCE));
  await serveModel(page, TINY_COND_MODEL);
}

const hashParam = (page: Page, key: string) =>
  page.evaluate((name) => new URLSearchParams(window.location.hash.slice(1)).get(name), key);

const setHash = (page: Page, hash: string) =>
  page.evaluate((next) => {
    window.location.hash = next;
  }, hash);

/** A canvas's pixels as an array (to compare two results). */
const rgbOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .evaluate((canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
    );

/** Standard deviation of a canvas's RGB values: a blank image has 0. */
const canvasSpread = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const values = data.filter((_, i) => i % 4 !== 3);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
  });

test('class=NAME&guidance=3: samples 4 steps on wasm, guided, and finishes', async ({ page }) => {
  await serveConditional(page);
  await openApp(page, '#class=people&guidance=3&steps=4&batch=2&backend=wasm');
  await expect(page.getByTestId('class-select')).toHaveValue('people');
  await expect(page.getByTestId('guidance')).toHaveValue('3');
  await expect(page.getByTestId('guidance')).toBeEnabled();
  await expect(page.getByTestId('vendor-select')).toHaveValue('any');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('error-message')).toBeEmpty();
  expect(await page.evaluate(() => window.__snrlab!.lastSample!.steps)).toBe(4);
  expect(await canvasSpread(page, 'sample-output'), 'the result is not blank').toBeGreaterThan(1);
  // One class for every sample: nothing to caption.
  await expect(page.getByTestId('sample-classes')).toHaveCount(0);
  expect(await hashParam(page, 'class')).toBe('people');
  expect(await hashParam(page, 'guidance')).toBe('3');
});

test('guided v̂ on wasm matches PyTorch within 1e-3 (one call of 2B through the worker)', async ({ page }) => {
  await serveConditional(page);
  await openApp(page);
  const fixture = JSON.parse(readFileSync(`${TINY_COND_MODEL}/fixture.json`, 'utf8'));
  const diff = await page.evaluate(async (fixture) => {
    const decode = (entry: { base64: string }) =>
      new Float32Array(Uint8Array.from(atob(entry.base64), (c) => c.charCodeAt(0)).buffer);
    const model = window.__snrlab!.model!;
    const url = new URL('./models/emoji64/', document.baseURI).href;
    await model.init('wasm', url, () => {});
    const { v } = await model.denoise(decode(fixture.x_t), 4, Float64Array.from(fixture.logsnr), url, {
      labels: fixture.labels,
      guidance: fixture.guidance,
    });
    const expected = decode(fixture.v_hat_guided);
    return v.reduce((max, value, i) => Math.max(max, Math.abs(value - expected[i])), 0);
  }, fixture);
  expect(diff).toBeLessThan(1e-3);
});

test('the controls follow the URL: random class per sample by default (captioned), any, the index’s w', async ({
  page,
}) => {
  await serveConditional(page);
  await openApp(page, '#steps=2&batch=4&seed=5&backend=wasm');
  await expect(page.getByTestId('class-select')).toHaveValue('random');
  await expect(page.getByTestId('guidance')).toHaveValue(String(INDEX_GUIDANCE));
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  // Each sample says which class it was asked for.
  const names = ['Smileys & emotion', 'People & body', 'Animals & nature'];
  const captions = page.getByTestId('sample-classes').locator('li');
  await expect(captions).toHaveCount(4);
  for (const caption of await captions.allTextContents()) {
    expect(
      names.some((name) => caption.endsWith(name)),
      caption,
    ).toBe(true);
  }
  // The URL drives the controls …
  await setHash(page, '#class=any&vendor=any&guidance=4.5');
  await expect(page.getByTestId('class-select')).toHaveValue('any');
  await expect(page.getByTestId('guidance')).toHaveValue('4.5');
  await expect(page.getByTestId('guidance')).toBeDisabled();
  await expect(page.getByTestId('guidance-off')).toBeVisible();
  // … and the controls the URL.
  await page.getByTestId('class-select').selectOption('animals');
  await expect.poll(() => hashParam(page, 'class')).toBe('animals');
  await expect(page.getByTestId('guidance')).toBeEnabled();
  await page.getByTestId('guidance').fill('6');
  await expect.poll(() => hashParam(page, 'guidance')).toBe('6');
  await page.getByTestId('vendor-select').selectOption('twitter');
  await expect.poll(() => hashParam(page, 'vendor')).toBe('twitter');
});

test('a class, vendor or guidance the model cannot take falls back to the default with a notice', async ({ page }) => {
  await serveConditional(page);
  await openApp(page, '#class=dinosaurs&vendor=apple&guidance=9');
  const notices = page.getByTestId('url-notices');
  await expect(notices).toContainText('“9” is not a valid guidance; using default');
  await expect(notices).toContainText('“dinosaurs” is not a valid class; using random');
  await expect(notices).toContainText('“apple” is not a valid vendor; using any');
  await expect(page.getByTestId('class-select')).toHaveValue('random');
  await expect(page.getByTestId('vendor-select')).toHaveValue('any');
  await expect(page.getByTestId('guidance')).toHaveValue(String(INDEX_GUIDANCE));
  await expect.poll(() => hashParam(page, 'class')).toBe('random');
});

test('no class or guidance controls for an unconditional model, nor in compare mode', async ({ page }) => {
  // The index says emoji64 is conditional, its model.json says not: the manifest wins.
  await serveIndex(page, conditionalIndex(LABELS, INDEX_GUIDANCE));
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#class=people&steps=2&batch=1&backend=wasm');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('class-select')).toHaveCount(0);
  await expect(page.getByTestId('guidance')).toHaveCount(0);
  await expect(page.getByTestId('model-facts')).toContainText('labels none');
});

test('compare mode with an unconditional pair hides the controls of a conditional model', async ({ page }) => {
  // emoji64 conditional (the stand-in), the pair not: the pair's index entries and models say so
  await serveModel(page, TINY_COND_MODEL);
  await servePair(page, null, conditionalIndex(LABELS, INDEX_GUIDANCE));
  await openApp(page, '#class=people');
  await expect(page.getByTestId('class-select')).toBeVisible();
  await page.getByTestId('compare-toggle').check();
  await expect(page.getByTestId('class-select')).toHaveCount(0);
  await expect(page.getByTestId('guidance')).toHaveCount(0);
});

/**
 * The index's compare pair served from a tiny stand-in (64 px), so these tests do not depend on
 * what the shipped pair is: with `labels`, both from the tiny conditional model, their index entries
 * listing its labels (drawn among all of them); with null, both from the tiny unconditional model,
 * their entries listing no labels. `index` is the index to start from (default: the shipped one).
 */
async function servePair(page: Page, labels: typeof LABELS | null, index = readFileSync(MODEL_INDEX, 'utf8')) {
  const parsed = JSON.parse(index) as { models: Record<string, unknown>[]; compare: string[] };
  const dir = labels ? TINY_COND_MODEL : TINY_MODEL;
  const manifest = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8')).snrlab;
  for (const entry of parsed.models.filter((model) => parsed.compare.includes(model.name as string))) {
    for (const key of ['classes', 'vendors', 'guidance', 'randomClasses']) delete entry[key];
    Object.assign(entry, { imageSize: manifest.architecture.image_size, trainingSchedule: manifest.schedule });
    if (labels) {
      Object.assign(entry, { classes: labels.category, vendors: labels.vendor, guidance: { default: INDEX_GUIDANCE } });
    }
  }
  await serveIndex(page, JSON.stringify(parsed));
  for (const name of parsed.compare) {
    await page.route(`**/models/${name}/*`, (route) => {
      const file = new URL(route.request().url()).pathname.split('/').pop()!;
      return route.fulfill({ status: 200, body: readFileSync(`${dir}/${file}`) });
    });
  }
  return parsed.compare;
}

test('a conditional pair in compare mode: one set of controls, both columns asked the same classes and w', async ({
  page,
}) => {
  const pair = await servePair(page, LABELS);
  await openApp(page, '#compare=1&steps=3&batch=4&seed=5&backend=wasm');
  await expect(page.getByTestId('class-select')).toHaveValue('random');
  await expect(page.getByTestId('guidance')).toHaveValue(String(INDEX_GUIDANCE));
  const sampleBoth = async () => {
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
    await expect(page.getByTestId('error-message')).toBeEmpty();
    return Promise.all(pair.map((name) => rgbOf(page, `compare-output-${name}`)));
  };
  const random = await sampleBoth();
  // Each column says which class each sample was asked for, and the two say the same.
  const captions = await Promise.all(
    pair.map((name) => page.getByTestId(`sample-classes-${name}`).locator('li').allTextContents()),
  );
  expect(captions[0]).toHaveLength(4);
  expect(captions[1]).toEqual(captions[0]);
  // The same model in both columns, asked the same: the same result; asked nothing (class=any,
  // the unconditional model), another result, so the labels reached the model.
  expect(random[1]).toEqual(random[0]);
  await setHash(page, '#compare=1&steps=3&batch=4&seed=5&backend=wasm&class=any');
  await expect(page.getByTestId('class-select')).toHaveValue('any');
  const unconditional = await sampleBoth();
  expect(unconditional[0]).not.toEqual(random[0]);
  await expect(page.getByTestId(`sample-classes-${pair[0]}`)).toHaveCount(0);
});

test('"denoise my image" asks a conditional model for the class, guided, and finishes', async ({ page }) => {
  await serveConditional(page);
  await openApp(page, '#class=animals&guidance=3&steps=4&backend=wasm');
  await page.getByTestId('denoise-image').click();
  await expect(page.getByTestId('denoise-status')).toContainText('done', { timeout: 120_000 });
  await expect(page.getByTestId('error-message')).toBeEmpty();
  expect(await canvasSpread(page, 'denoise-resample')).toBeGreaterThan(1);
});

test('the shipped emoji64 is conditional: class=smileys&guidance=3, 4 steps on wasm', async ({ page }) => {
  expect(shippedModelPresent(), `${SHIPPED_MODEL} and its fixture are shipped`).toBe(true);
  const labels = JSON.parse(readFileSync(`${SHIPPED_MODEL}/model.json`, 'utf8')).snrlab.labels;
  expect(labels?.category, 'the shipped emoji64 is class-conditional').toContain('smileys');
  await openApp(page, '#class=smileys&guidance=3&steps=4&batch=2&backend=wasm');
  await expect(page.getByTestId('class-select')).toHaveValue('smileys');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('error-message')).toBeEmpty();
  await expect(page.getByTestId('model-mismatch')).toHaveCount(0);
  expect(await canvasSpread(page, 'sample-output'), 'the result is not blank').toBeGreaterThan(5);
});

test('the shipped 128 px pair is conditional: compare mode offers its classes and w, and samples both', async ({
  page,
}) => {
  const index = JSON.parse(readFileSync(MODEL_INDEX, 'utf8')) as {
    models: { name: string; classes?: string[]; guidance?: { default: number } }[];
    compare: string[];
  };
  const first = index.models.find((model) => model.name === index.compare[0])!;
  expect(first.classes, 'the shipped pair is class-conditional').toContain('people');
  await openApp(page, '#compare=1&class=people&steps=2&batch=1&backend=wasm');
  await expect(page.getByTestId('class-select')).toHaveValue('people');
  await expect(page.getByTestId('guidance')).toHaveValue(String(first.guidance!.default));
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('error-message')).toBeEmpty();
  for (const name of index.compare) {
    expect(await canvasSpread(page, `compare-output-${name}`), `${name}'s result is not blank`).toBeGreaterThan(5);
  }
});
