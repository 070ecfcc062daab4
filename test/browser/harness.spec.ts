import { expect, test } from '@playwright/test';
import { openApp, valueOf } from './helpers';

test('the built app loads and shows its title', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SNR Lab');
});

test('the t slider moves by keyboard and drives the λ, α, σ readout', async ({ page }) => {
  await openApp(page, '#t=0.5&schedule=cosine');
  expect(await valueOf(page, 'logsnr-lo')).toBeCloseTo(0, 9);
  const slider = page.getByTestId('t-slider');
  await slider.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '0.51');
  // Closed form of the clipped cosine schedule at t = 0.51.
  const tMin = Math.atan(Math.exp(-7.5));
  const tMax = Math.atan(Math.exp(7.5));
  const expected = -2 * Math.log(Math.tan(tMin + 0.51 * (tMax - tMin)));
  expect(await valueOf(page, 'logsnr-lo')).toBeCloseTo(expected, 9);
  const alpha = await valueOf(page, 'alpha-lo');
  const sigma = await valueOf(page, 'sigma-lo');
  expect(alpha * alpha + sigma * sigma).toBeCloseTo(1, 12);
  expect(Math.log((alpha * alpha) / (sigma * sigma))).toBeCloseTo(expected, 9);
  await page.keyboard.press('End');
  await expect(page.getByTestId('t-value')).toHaveAttribute('data-value', '1');
});

test('reports whether WebGPU gives an adapter under the harness flags', async ({ page }) => {
  await page.goto('./');
  const adapter = await page.evaluate(async () => {
    const gpu = (
      navigator as Navigator & {
        gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean; vendor?: string } } | null> };
      }
    ).gpu;
    if (!gpu) return { present: false, reason: 'navigator.gpu is undefined' };
    const found = await gpu.requestAdapter();
    return found
      ? { present: true, fallback: found.info?.isFallbackAdapter ?? null, vendor: found.info?.vendor ?? '' }
      : { present: false, reason: 'requestAdapter() returned null' };
  });
  test.info().annotations.push({ type: 'webgpu-adapter', description: JSON.stringify(adapter) });
  console.log('WebGPU adapter:', JSON.stringify(adapter));
  // On this project's machines the flags give SwiftShader's fallback adapter; losing it is a regression.
  expect(adapter.present, JSON.stringify(adapter)).toBe(true);
});
