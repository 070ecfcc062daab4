import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, valueOf } from './helpers';
import { listedModels, serveModel, shippedModelPresent, TINY_MODEL } from './modelRoutes';

interface EncodedTensor {
  shape: number[];
  base64: string;
}

/** Runs the fixture's x_t through the model on `backend` in the page; returns max |v̂ − v̂_torch|. */
async function parityOn(
  page: Page,
  backend: string,
  fixturePath: string,
  modelPath = './models/emoji64/',
): Promise<{ diff: number; backend: string }> {
  const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as {
    logsnr: number[];
    /** A conditional model's labels per batch element (v_hat was computed with them). */
    labels?: { category: number[]; vendor: number[] };
    x_t: EncodedTensor;
    v_hat: EncodedTensor;
  };
  return page.evaluate(
    async ({ backend, fixture, modelPath }) => {
      const decode = (entry: { base64: string }) => {
        const bytes = Uint8Array.from(atob(entry.base64), (c) => c.charCodeAt(0));
        return new Float32Array(bytes.buffer);
      };
      const model = window.__snrlab!.model!;
      const url = new URL(modelPath, document.baseURI).href;
      const ready = await model.init(backend as 'wasm', url, () => {});
      const { v } = await model.denoise(
        decode(fixture.x_t),
        fixture.logsnr.length,
        Float64Array.from(fixture.logsnr),
        url,
        fixture.labels && { labels: fixture.labels, guidance: 1 },
      );
      const expected = decode(fixture.v_hat);
      let diff = 0;
      for (let i = 0; i < v.length; i++) diff = Math.max(diff, Math.abs(v[i] - expected[i]));
      return { diff, backend: ready.backend };
    },
    { backend, fixture, modelPath },
  );
}

for (const backend of ['wasm', 'webgl', 'webgpu', 'cpu']) {
  test(`tiny model: the ${backend} backend matches PyTorch within 1e-3`, async ({ page }) => {
    await serveModel(page, TINY_MODEL);
    await openApp(page);
    const result = await parityOn(page, backend, `${TINY_MODEL}/fixture.json`);
    expect(result.backend).toBe(backend);
    expect(result.diff).toBeLessThan(1e-3);
  });
}

// Every model of public/models/index.json against its PyTorch fixture (test/fixtures/<name>_fixture.json)
// on every GPU-side backend. A listed model without its files or fixture fails here: no skip.
for (const { name, folder, path } of listedModels()) {
  const fixturePath = `test/fixtures/${name}_fixture.json`;
  const missing = [`${folder}model.json`, fixturePath].filter((file) => !existsSync(file));
  test.describe(`the listed model ${name}`, () => {
    if (missing.length > 0) {
      test('has its files and its PyTorch fixture', () => {
        expect(missing, `public/models/index.json lists ${name}, but these files are missing`).toEqual([]);
      });
      return;
    }
    for (const backend of ['wasm', 'webgl', 'webgpu']) {
      test(`matches the PyTorch fixture on ${backend} within 1e-3`, async ({ page }) => {
        test.setTimeout(300_000);
        await openApp(page);
        const result = await parityOn(page, backend, fixturePath, path);
        console.log(`${name} on ${backend}: max |v̂ − v̂_torch| = ${result.diff.toExponential(2)}`);
        expect(result.backend).toBe(backend);
        expect(result.diff).toBeLessThan(1e-3);
      });
    }
  });
}

/** Samples through the UI and returns the output canvas's pixels. */
async function sampleVia(page: Page, backend: string): Promise<number[]> {
  await page.getByTestId('backend-select').selectOption(backend);
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 240_000 });
  await expect(page.getByTestId('backend-name')).toContainText(backend);
  return page
    .getByTestId('sample-output')
    .evaluate((canvas: HTMLCanvasElement) =>
      Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data),
    );
}

function compareImages(a: number[], b: number[]) {
  expect(a.length).toBe(b.length);
  let maxDiff = 0;
  for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
  const values = a.filter((_, i) => i % 4 !== 3);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
  return { maxDiff, spread };
}

test('a 4-step sample on wasm and on webgpu equals the cpu backend', async ({ page }) => {
  test.setTimeout(600_000);
  if (!shippedModelPresent()) await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=4&batch=2&seed=7&sampler=dpmpp-2m');
  const cpu = await sampleVia(page, 'cpu');
  const wasm = await sampleVia(page, 'wasm');
  const webgpu = await sampleVia(page, 'webgpu');
  for (const other of [wasm, webgpu]) {
    const { maxDiff, spread } = compareImages(cpu, other);
    expect(spread, 'the sample is not blank').toBeGreaterThan(5);
    expect(maxDiff, 'within 8-bit rounding of the cpu result').toBeLessThanOrEqual(2);
  }
  expect(await valueOf(page, 'ms-per-step')).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.__snrlab!.lastSample!.steps)).toBe(4);
  await expect(page.getByTestId('sample-progress')).toHaveJSProperty('value', 1);
  const [single] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png').click()]);
  expect(single.suggestedFilename()).toBe('snrlab-sample.png');
  const [grid] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-grid').click()]);
  const png = readFileSync((await grid.path())!);
  expect(png.readUInt32BE(16)).toBe(128); // two 64 px images side by side
  expect(png.readUInt32BE(20)).toBe(64);
});

test('cancel stops within one step', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=400&batch=1&backend=cpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('sampling', { timeout: 60_000 });
  await expect
    .poll(() => page.getByTestId('sample-progress').evaluate((p: HTMLProgressElement) => p.value))
    .toBeGreaterThan(0);
  await page.getByTestId('cancel-button').click();
  const atCancel = await page.getByTestId('sample-progress').evaluate((p: HTMLProgressElement) => p.value);
  await expect(page.getByTestId('sample-status')).toHaveText('cancelled');
  const after = await page.getByTestId('sample-progress').evaluate((p: HTMLProgressElement) => p.value);
  // Progress is steps done / 400; compare whole steps (k/400 * 400 is not exactly k in floating point).
  expect(Math.round(after * 400) - Math.round(atCancel * 400)).toBeLessThanOrEqual(1);
});

test('a corrupt weights file shows an error and the explorer keeps working', async ({ page }) => {
  await serveModel(page, TINY_MODEL, { 'group1-shard1of1.bin': (bytes) => ((bytes[100] ^= 0xff), bytes) });
  await openApp(page, '#steps=2&backend=cpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('error-message')).toContainText('failed its check');
  await expect(page.getByTestId('sample-status')).toHaveText('error');
  const before = await valueOf(page, 'logsnr-lo');
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => valueOf(page, 'logsnr-lo')).not.toBe(before);
});

test('missing weights and an unknown layer are named', async ({ page }) => {
  await serveModel(page, TINY_MODEL, { 'group1-shard1of1.bin': () => null });
  await openApp(page, '#steps=2&backend=cpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('error-message')).toContainText('missing (HTTP 404');
  await page.unrouteAll();
  await serveModel(page, TINY_MODEL, {
    'model.json': (bytes) => Buffer.from(bytes.toString().replace('"stem.weight"', '"stem.mystery"')),
  });
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('error-message')).toContainText('“stem.mystery”');
});

test('denoise my image: one model call and a resample from t', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#t=0.4&steps=4&backend=wasm');
  await page.getByTestId('denoise-image').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  for (const id of ['denoise-xt', 'denoise-x0', 'denoise-resample']) {
    expect(await page.getByTestId(id).evaluate((c: HTMLCanvasElement) => c.width)).toBe(64);
  }
});

test('every model the index lists is where the app looks for it, as the index describes it', async () => {
  // No skip: the models are committed, so files that moved (or an index entry that names a folder
  // that is not there) fail here instead of quietly skipping the tests that need them.
  const models = listedModels();
  expect(models.map((model) => model.name)).toContain('emoji64');
  for (const { name, folder, imageSize } of models) {
    expect(existsSync(`${folder}model.json`), `${folder}model.json (the index lists ${name})`).toBe(true);
    const manifest = JSON.parse(readFileSync(`${folder}model.json`, 'utf8'));
    expect(manifest.snrlab.prediction).toBe('v');
    expect(manifest.snrlab.input_shape, `${name}'s input shape`).toEqual([null, imageSize, imageSize, 3]);
    const shards: string[] = manifest.weightsManifest.flatMap((group: { paths: string[] }) => group.paths);
    expect(shards.length).toBeGreaterThan(0);
    for (const shard of shards) expect(existsSync(`${folder}${shard}`), `${folder}${shard}`).toBe(true);
  }
});
