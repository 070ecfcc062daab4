// Issue 13: the explorer has to show what its text promises — pooled H looks like L with the shift
// on, the gain is stated where people look, and the page works on a phone and a projector.
import { expect, test, type Page } from '@playwright/test';
import { openApp, renders, valueOf, waitForRender } from './helpers';

/** Per-channel mean and standard deviation of a panel's pixels (0–255). */
async function channelStats(page: Page, testId: string): Promise<{ mean: number[]; std: number[] }> {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const n = data.length / 4;
    const mean = [0, 0, 0];
    const sq = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        mean[c] += data[i + c] / n;
        sq[c] += (data[i + c] * data[i + c]) / n;
      }
    }
    return { mean, std: mean.map((m, c) => Math.sqrt(sq[c] - m * m)) };
  });
}

const relativeGap = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

test('with the shift on, the re-normalised pooled panel matches L in mean and spread at every t', async ({ page }) => {
  for (const t of [0.3, 0.55, 0.8]) {
    await openApp(page, `#t=${t}&shift=auto&hi=512&lo=64`);
    const pooled = await channelStats(page, 'panel-pooled');
    const low = await channelStats(page, 'panel-lo');
    for (let c = 0; c < 3; c++) {
      expect(relativeGap(pooled.mean[c], low.mean[c]), `t=${t} mean ch${c}`).toBeLessThan(0.1);
      expect(relativeGap(pooled.std[c], low.std[c]), `t=${t} std ch${c}`).toBeLessThan(0.1);
    }
  }
  // The raw average has the same SNR but a fraction of L's contrast: the reason for re-normalising.
  await openApp(page, '#t=0.55&shift=auto&pooled=raw');
  await expect(page.getByTestId('pooled-view')).toHaveValue('raw');
  const raw = await channelStats(page, 'panel-pooled');
  const low = await channelStats(page, 'panel-lo');
  for (let c = 0; c < 3; c++) expect(raw.std[c]).toBeLessThan(0.5 * low.std[c]);
  await expect(page.getByTestId('pooled-view-note')).toHaveCount(0);
  const before = await renders(page);
  await page.getByTestId('pooled-view').selectOption('unit');
  await waitForRender(page, before);
  await expect(page.getByTestId('pooled-view-note')).toContainText('√(α² + σ²/s²)');
  await expect(page).toHaveURL(/pooled=unit/);
});

test('with the shift on, the pooled callout says pooled H has L’s λ, not a gain over L', async ({ page }) => {
  await openApp(page, '#t=0.5&hi=512&lo=64&shift=auto');
  const callout = page.getByTestId('pooled-gain-callout');
  await expect(callout).toHaveAttribute('data-shifted', 'true');
  await expect(callout).toContainText("+18.1 dB over H, which the shift took off H: pooled H has L's λ");
  await expect(callout).not.toContainText('= 64× SNR');
  await page.getByTestId('shift-toggle').uncheck();
  await expect(callout).toContainText('+18.1 dB = 64× SNR');
});

test('the gain is stated on the pooled panel, and theory and measurement agree where they should', async ({ page }) => {
  await openApp(page, '#t=0.5&hi=512&lo=64');
  const callout = page.getByTestId('pooled-gain-callout');
  await expect(callout).toContainText('+18.1 dB = 64× SNR');
  await expect(callout).toContainText(/measured \d+\.\d× on this image/);
  expect(await valueOf(page, 'pooled-gain-callout')).toBeCloseTo(await valueOf(page, 'snr-measured-gain'), 9);
  // The callout sits inside the pooled panel's figure.
  expect(
    await callout.evaluate((el) => el.closest('figure')?.querySelector('[data-testid="panel-pooled"]') !== null),
  ).toBe(true);
  // Theory uses this image's signal power: H and L differ from the measurement only by the noise
  // draw (a few hundredths of a dB), pooled H by exactly the signal power pooling keeps.
  for (const row of ['hi', 'lo']) {
    expect(
      Math.abs((await valueOf(page, `snr-db-${row}`)) - (await valueOf(page, `measured-snr-db-${row}`))),
      row,
    ).toBeLessThan(0.1);
  }
  const keptDb = 10 * Math.log10(await valueOf(page, 'signal-power-ratio'));
  const pooledGap = (await valueOf(page, 'measured-snr-db-pooled')) - (await valueOf(page, 'snr-db-pooled'));
  expect(Math.abs(pooledGap - keptDb)).toBeLessThan(0.1);
  expect(keptDb).toBeLessThan(-0.1); // the photograph does lose some detail to pooling
  // The explanation is beside the panels: above the readout table, not after the spectrum.
  const explanation = await page.getByTestId('gain-explanation').boundingBox();
  const table = await page.getByRole('table', { name: 'Noise levels and measured SNR' }).boundingBox();
  const panels = await page.getByTestId('panels').boundingBox();
  expect(explanation!.y).toBeGreaterThan(panels!.y + panels!.height - 1);
  expect(explanation!.y).toBeLessThan(table!.y);
  await expect(page.getByTestId('gain-explanation')).toContainText('divides the noise variance by 64');
});

for (const width of [360, 420]) {
  test(`no horizontal overflow at ${width} px; panels stack`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openApp(page);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const hi = await page.getByTestId('panel-hi').boundingBox();
    const low = await page.getByTestId('panel-lo').boundingBox();
    expect(low!.y).toBeGreaterThanOrEqual(hi!.y + hi!.height);
    expect(hi!.width).toBeGreaterThan(width * 0.7);
  });
}

test('controls use text of at least 16 px', async ({ page }) => {
  await openApp(page);
  const sizes = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, input:not([type="range"]):not([type="file"])')].map((el) =>
      parseFloat(getComputedStyle(el).fontSize),
    ),
  );
  expect(sizes.length).toBeGreaterThan(10);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
});

test('presentation mode: P fills a 1280×720 screen with the panels, arrows move t, Esc leaves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openApp(page, '#t=0.5');
  await page.keyboard.press('p');
  await expect(page).toHaveURL(/present=on/);
  await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.lab')).toBeHidden();
  await expect(page.locator('.sampler')).toBeHidden();
  for (const id of ['panel-hi', 'panel-lo', 'panel-pooled']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.width, id).toBeGreaterThan(300);
    expect(box.x + box.width, id).toBeLessThanOrEqual(1280);
    expect(box.y + box.height, id).toBeLessThanOrEqual(720);
  }
  // The gain callout and the λ readouts are on screen too, in large type.
  const callout = (await page.getByTestId('pooled-gain-callout').boundingBox())!;
  expect(callout.y + callout.height).toBeLessThanOrEqual(720);
  const table = (await page.getByRole('table', { name: 'Noise levels and measured SNR' }).boundingBox())!;
  expect(table.y + table.height).toBeLessThanOrEqual(720);
  expect(
    await page.getByTestId('logsnr-pooled').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
  ).toBeGreaterThanOrEqual(19);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.51');
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.46');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/present=off/);
  await expect(page.locator('.lab')).toBeVisible();
});

test('the three shifts have distinct names, and the lab can take the explorer’s L → H', async ({ page }) => {
  await openApp(page, '#hi=256&lo=64&shiftBy=nats&nats=-1');
  await expect(page.locator('.explorer')).toContainText('resolution shift for H');
  await expect(page.locator('.lab legend', { hasText: 'Schedule shift (lab)' })).toBeVisible();
  const link = page.getByTestId('lab-shift-link');
  await expect(link).toHaveAttribute('data-linked', 'false');
  await expect(link).toContainText('64 → 256');
  await link.click();
  await expect(page.getByTestId('lab-shift-link')).toHaveAttribute('data-linked', 'true');
  expect(await valueOf(page, 'lab-shift')).toBeCloseTo(2 * Math.log(64 / 256), 12);
  // Changing the explorer's H unlinks them again (the lab keeps its own shift).
  await page.getByTestId('hi-select').selectOption('512');
  await expect(page.getByTestId('lab-shift-link')).toHaveAttribute('data-linked', 'false');
  expect(await valueOf(page, 'lab-shift')).toBeCloseTo(2 * Math.log(64 / 256), 12);
});

test('the sampler’s shift says how it relates to the lab’s, and can take it over', async ({ page }) => {
  await openApp(page, '#source=training&sshift=0&shiftBy=resolution&base=64&target=512');
  const link = page.getByTestId('sample-shift-link');
  await expect(link).toHaveAttribute('data-linked', 'false');
  await expect(link).toContainText('-4.16 nats');
  await link.click();
  await expect(page.getByTestId('sample-shift-link')).toHaveAttribute('data-linked', 'true');
  await expect(page).toHaveURL(/sshift=-4\.15/);
  // Sampling along the lab's schedule, the sampler's shift is added on top of the lab's.
  await page.getByTestId('sample-source').selectOption('lab');
  await expect(page.getByTestId('sample-shift-link')).toContainText('added to the lab');
});
