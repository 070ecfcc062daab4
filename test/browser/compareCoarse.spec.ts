// Issue 26 (browser part): compare mode shows each result pooled to 32 and 16 px and the model's
// measured SWD per band, its columns line up, it says what the spacing does to "swap", "denoise
// my image" uses the pair, and an old link to the narrow pair opens its successor.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator } from '@playwright/test';
import { openApp } from './helpers';

const PAIR = ['emoji128w-cosine', 'emoji128w-shifted'] as const;
const INDEX = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as {
  models: {
    name: string;
    swd: { samples?: number; bands?: { size: number; value: number; floor: number }[] } | null;
  }[];
};

/** The canvas's RGB values, [height][width][3] flattened, and its width. */
const rgbOf = (canvas: Locator) =>
  canvas.evaluate((element: HTMLCanvasElement) => {
    const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
    return { width: element.width, height: element.height, rgb: Array.from(data).filter((_, i) => i % 4 !== 3) };
  });

test('compare mode: pooled 32 and 16 px views of each result, per-band SWD, aligned columns, the spacing note', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openApp(page, '#compare=1&steps=4&batch=4&seed=2&backend=wasm');
  // the spacing note: uniform in λ (the default) only translates the grid; one click spaces in t
  const note = page.getByTestId('compare-spacing-note');
  await expect(note).toContainText('moved by 1.39 nats');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 240_000 });

  const tops: number[] = [];
  for (const name of PAIR) {
    const output = await rgbOf(page.getByTestId(`compare-output-${name}`));
    expect(output.width).toBe(2 * 128); // 4 samples: a 2 x 2 grid
    for (const size of [32, 16]) {
      const pooled = await rgbOf(page.getByTestId(`pooled-${size}-${name}`));
      expect(pooled.width).toBe(2 * size);
      // each pooled pixel is the mean of its block of result pixels (both rounded to 8 bits)
      const factor = 128 / size;
      let worst = 0;
      for (let y = 0; y < pooled.height; y++) {
        for (let x = 0; x < pooled.width; x++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0;
            for (let dy = 0; dy < factor; dy++) {
              for (let dx = 0; dx < factor; dx++) {
                sum += output.rgb[((y * factor + dy) * output.width + x * factor + dx) * 3 + c];
              }
            }
            worst = Math.max(worst, Math.abs(sum / factor ** 2 - pooled.rgb[(y * pooled.width + x) * 3 + c]));
          }
        }
      }
      expect(worst, `${name} at ${size} px`).toBeLessThanOrEqual(1);
    }
    // the index's per-band SWD, finest first, beside the column
    const entry = INDEX.models.find((model) => model.name === name)!;
    const bands = entry.swd!.bands!;
    expect(bands.map((band) => band.size)).toEqual([128, 64, 32, 16]);
    for (const band of bands) {
      await expect(page.getByTestId(`band-swd-${band.size}-${name}`)).toHaveAttribute('data-value', String(band.value));
      await expect(page.getByTestId(`band-swd-${band.size}-${name}`)).toContainText(band.floor.toFixed(1));
    }
    // and how many samples those numbers rest on
    const samples = entry.swd!.samples!;
    expect(samples).toBeGreaterThan(0);
    await expect(page.getByTestId(`band-swd-${name}`)).toContainText(`measured on ${samples.toLocaleString('en')} samples`);
    tops.push((await page.getByTestId(`compare-output-${name}`).boundingBox())!.y);
  }
  expect(Math.abs(tops[0] - tops[1]), 'the two results start at one height').toBeLessThan(1);

  await page.getByTestId('compare-uniform-t').click();
  await expect(note).toHaveAttribute('data-spacing', 'uniform-t');
  await expect(note).toContainText('each schedule sets where its steps fall');
  await expect(page.getByTestId('spacing-select')).toHaveValue('uniform-t');
});

test('compare mode: "denoise my image" denoises with both models of the pair, side by side', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page, '#compare=1&steps=4&t=0.5&backend=wasm');
  await page.getByTestId('denoise-image').click();
  await expect(page.getByTestId('denoise-status')).toContainText('done', { timeout: 240_000 });
  const noisy: number[][] = [];
  const tops: number[] = [];
  for (const name of PAIR) {
    for (const figure of ['xt', 'x0', 'resample']) {
      const { width, rgb } = await rgbOf(page.getByTestId(`denoise-${figure}-${name}`));
      expect(width, `${figure} of ${name}`).toBe(128);
      expect(new Set(rgb).size, `${figure} of ${name} is drawn`).toBeGreaterThan(10);
      if (figure === 'xt') noisy.push(rgb);
    }
    tops.push((await page.getByTestId(`denoise-xt-${name}`).boundingBox())!.y);
  }
  // the same image and noise, each at its own schedule's λ at t: two different noisy inputs
  expect(noisy[0]).not.toEqual(noisy[1]);
  expect(Math.abs(tops[0] - tops[1])).toBeLessThan(1);
  await expect(page.getByTestId('denoise-xt')).toHaveCount(0);
});

test('an old link to the narrow 128 px pair opens its successor and says so', async ({ page }) => {
  await openApp(page, '#model=emoji128-shifted');
  await expect(page.getByTestId('model-select')).toHaveValue('emoji128w-shifted');
  await expect(page.getByTestId('url-notices')).toContainText('“emoji128-shifted” in the link has been replaced by emoji128w-shifted');
});
