import { expect, test, type Page } from '@playwright/test';
import { openApp, panelFingerprint, renders, valueOf, waitForRender } from './helpers';

const FIXTURES = 'test/fixtures/images';

async function loadSample(page: Page, id: 'photo' | 'flat' | 'white-noise') {
  const before = await renders(page);
  await page.getByTestId(`sample-${id}`).click();
  await waitForRender(page, before);
}

test('every bundled sample loads; 512 → 64 shows the theoretical gain 64', async ({ page }) => {
  await openApp(page);
  for (const id of ['flat', 'white-noise', 'photo'] as const) {
    await loadSample(page, id);
    await expect(page.getByTestId('error-message')).toBeEmpty();
    expect(await valueOf(page, 'snr-theory-gain')).toBe(64);
  }
  const sizes = await page.evaluate(() =>
    ['panel-hi', 'panel-lo', 'panel-pooled'].map((id) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
      return [canvas.width, Math.round(canvas.getBoundingClientRect().width)];
    }),
  );
  expect(sizes.map(([w]) => w)).toEqual([512, 64, 64]);
  // Same display size for all three panels.
  expect(new Set(sizes.map(([, display]) => display)).size).toBe(1);
});

test('pooling divides the measured noise variance by s² (within 5 %)', async ({ page }) => {
  await openApp(page, '#hi=512&lo=64');
  const ratio = await valueOf(page, 'noise-var-ratio');
  expect(Math.abs(ratio * 64 - 1)).toBeLessThan(0.05);
});

test('the photograph gains close to s²; white noise gains almost nothing', async ({ page }) => {
  await openApp(page);
  const photoGain = await valueOf(page, 'snr-measured-gain');
  expect(photoGain).toBeGreaterThan(20);
  expect(photoGain).toBeLessThan(64 * 1.1);
  await loadSample(page, 'white-noise');
  expect(await valueOf(page, 'snr-measured-gain')).toBeLessThan(2);
  await expect(page.getByTestId('gain-explanation')).toContainText('white noise');
});

test('the shift toggle makes pooled H and L measure alike (within 10 %)', async ({ page }) => {
  await openApp(page, '#t=0.6&shift=off');
  const gapOff = Math.abs(
    (await valueOf(page, 'measured-snr-db-pooled')) - (await valueOf(page, 'measured-snr-db-lo')),
  );
  expect(gapOff).toBeGreaterThan(10); // ≈ 18 dB apart without the shift
  await page.getByTestId('shift-toggle').check();
  await expect(page.getByTestId('logsnr-hi')).not.toHaveAttribute(
    'data-value',
    String(await valueOf(page, 'logsnr-lo')),
  );
  const pooledDb = await valueOf(page, 'measured-snr-db-pooled');
  const loDb = await valueOf(page, 'measured-snr-db-lo');
  // Within 10 % in linear SNR is within 0.41 dB.
  expect(Math.abs(10 ** ((pooledDb - loDb) / 10) - 1)).toBeLessThan(0.1);
  expect(await valueOf(page, 'logsnr-pooled')).toBeCloseTo(await valueOf(page, 'logsnr-lo'), 9);
});

test('a file given through the input replaces the image', async ({ page }) => {
  await openApp(page);
  const before = await panelFingerprint(page);
  await page.getByTestId('image-input').setInputFiles('public/samples/flat.png');
  await expect.poll(() => panelFingerprint(page)).not.toBe(before);
  await expect(page.getByTestId('error-message')).toBeEmpty();
});

const badInputs: [string, RegExp][] = [
  ['document-named.png', /PDF/],
  ['notes-named.png', /text file/],
  ['photo.heic', /HEIC\/HEIF photo.*save it as JPEG/],
  ['truncated.png', /corrupt or truncated/],
  ['truncated.jpg', /corrupt or truncated/],
  ['hundred-megapixel.png', /10000×10000.*megapixel budget/],
  // No L is small enough for 1 px: the advice names the smallest image the explorer takes.
  ['one-pixel.png', /smaller than even the smallest low resolution, L = 16 px.*at least 16 px on its shorter side/],
  // 40 px is below the default L = 64 but fits L = 32: the advice names an L that works.
  ['forty-pixels.png', /40×40: smaller than the low resolution L = 64 px.*or L = 32 px or less/],
];

test('bad inputs get a clear message and leave the panels unchanged', async ({ page }) => {
  await openApp(page, '#t=0.3');
  const before = await panelFingerprint(page);
  await page
    .getByTestId('image-input')
    .setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) });
  await expect(page.getByTestId('error-message')).toContainText('empty');
  for (const [file, message] of badInputs) {
    await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/${file}`);
    await expect(page.getByTestId('error-message'), file).toContainText(message);
    expect(await panelFingerprint(page), file).toBe(before);
  }
  // Still responsive: the slider still updates the panels.
  const count = await renders(page);
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await waitForRender(page, count);
  expect(await panelFingerprint(page)).not.toBe(before);
});

test('transparency, EXIF orientation and animation are handled and said', async ({ page }) => {
  // t = 0: λ = +15, so the H panel shows the clean image (σ·ε·127.5 ≤ 0.3 levels).
  await openApp(page, '#t=0');
  await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/transparent.png`);
  await expect(page.getByTestId('image-notices')).toContainText('composited on white');
  // The transparent (right) half is white after compositing; the opaque left half stays (200, 0, 0).
  const pixelAt = (x: number, y: number) =>
    page.getByTestId('panel-hi').evaluate(
      (canvas: HTMLCanvasElement, [fx, fy]) => [
        ...canvas.getContext('2d')!.getImageData(Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1).data,
      ],
      [x, y],
    );
  const right = await pixelAt(0.9, 0.1);
  expect(Math.min(right[0], right[1], right[2])).toBeGreaterThanOrEqual(254);
  const left = await pixelAt(0.1, 0.1);
  expect(Math.abs(left[0] - 200)).toBeLessThanOrEqual(1);
  expect(Math.max(left[1], left[2])).toBeLessThanOrEqual(1);
  await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/exif-rotated.jpg`);
  // Stored 240×120 with orientation 6: shown 120×240, so the crop notice names the rotated size.
  await expect(page.getByTestId('image-notices')).toContainText('Centre-cropped 120×240');
  await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/animated.gif`);
  await expect(page.getByTestId('image-notices')).toContainText('first frame');
  await expect(page.getByTestId('error-message')).toBeEmpty();
});

test('animated GIF, WebP and PNG: the first (red) frame is shown, and said', async ({ page }) => {
  // t = 0: λ = +15, σ ≈ 5.5e-4, so the H panel shows the clean image.
  await openApp(page, '#t=0');
  for (const file of ['animated.gif', 'animated.webp', 'animated.png']) {
    await page.getByTestId('sample-flat').click(); // something else first, so each load repaints
    await expect(page.getByText(/is animated/)).toHaveCount(0);
    await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/${file}`);
    await expect(page.getByTestId('image-notices'), file).toContainText('first frame');
    const centre = await page.getByTestId('panel-hi').evaluate((canvas: HTMLCanvasElement) => [
      ...canvas.getContext('2d')!.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data,
    ]);
    // σ·ε·127.5 ≤ 0.3 for |ε| < 4: within a step of 8-bit rounding of pure red.
    expect(centre[0], file).toBeGreaterThanOrEqual(254);
    expect(Math.max(centre[1], centre[2]), file).toBeLessThanOrEqual(1);
  }
  await expect(page.getByTestId('error-message')).toBeEmpty();
});

test('moving t changes only the mix: new noise changes the picture at a fixed t', async ({ page }) => {
  await openApp(page, '#t=0.5&seed=1');
  const first = await panelFingerprint(page);
  // Move t and back: the picture changes, then returns exactly, since the noise draw is kept.
  let count = await renders(page);
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await waitForRender(page, count);
  expect(await panelFingerprint(page)).not.toBe(first);
  await expect(page).toHaveURL(/seed=1/);
  count = await renders(page);
  await page.keyboard.press('ArrowLeft');
  await waitForRender(page, count);
  await expect(page).toHaveURL(/t=0\.5(&|$)/);
  expect(await panelFingerprint(page)).toBe(first);
  // New noise at the same t: a different picture.
  count = await renders(page);
  await page.getByTestId('new-noise').click();
  await waitForRender(page, count);
  expect(await panelFingerprint(page)).not.toBe(first);
  await expect(page).toHaveURL(/seed=2/);
});

test('H and L selectors resample the kept image: 1024 → 32 gives s² = 1024', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('hi-select').selectOption('1024');
  await page.getByTestId('lo-select').selectOption('32');
  await expect(page.getByTestId('snr-theory-gain')).toHaveAttribute('data-value', '1024');
  await expect(page).toHaveURL(/hi=1024&lo=32/);
  const ratio = await valueOf(page, 'noise-var-ratio');
  expect(Math.abs(ratio * 1024 - 1)).toBeLessThan(0.1); // 3,072 pooled values: ~2.6 % standard error
  const width = await page.getByTestId('panel-hi').evaluate((canvas: HTMLCanvasElement) => canvas.width);
  expect(width).toBe(1024);
});

test('an image dropped on the page, or pasted, is loaded', async ({ page }) => {
  await openApp(page);
  const before = await panelFingerprint(page);
  await page.evaluate(async () => {
    const blob = await (await fetch('./samples/flat.png')).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => panelFingerprint(page)).not.toBe(before);
  const afterDrop = await panelFingerprint(page);
  await page.evaluate(async () => {
    const blob = await (await fetch('./samples/white-noise.png')).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'pasted.png', { type: 'image/png' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  });
  await expect.poll(() => panelFingerprint(page)).not.toBe(afterDrop);
  expect(await valueOf(page, 'snr-measured-gain')).toBeLessThan(2);
});
