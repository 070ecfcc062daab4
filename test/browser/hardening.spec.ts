import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test } from '@playwright/test';
import type { LogSnrGrid } from '../../src/math/logSnr';
import { findChromium } from '../../tools/chromium.mjs';
import { openApp, panelFingerprint, renders, valueOf, waitForRender } from './helpers';
import { serveModel, TINY_MODEL } from './modelRoutes';

const FIXTURES = 'test/fixtures/images';
const require = createRequire(import.meta.url);

test('unusual but valid images render: 16-bit PNG, CMYK JPEG', async ({ page }) => {
  await openApp(page);
  for (const file of ['sixteen-bit.png', 'cmyk.jpg']) {
    const before = await panelFingerprint(page);
    await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/${file}`);
    await expect.poll(() => panelFingerprint(page), { message: file }).not.toBe(before);
    await expect(page.getByTestId('error-message')).toBeEmpty();
  }
});

test('an SVG with an external reference is refused and fetches nothing', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1')) outside.push(request.url());
  });
  await openApp(page);
  const before = await panelFingerprint(page);
  await page.getByTestId('image-input').setInputFiles({
    name: 'tracker.svg',
    mimeType: 'image/svg+xml',
    buffer: Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><image href="https://example.com/pixel.png" width="64" height="64"/></svg>',
    ),
  });
  await expect(page.getByTestId('error-message')).toContainText('SVG');
  expect(await panelFingerprint(page)).toBe(before);
  expect(outside).toEqual([]);
});

test('a whole session makes no request to another origin and violates no CSP rule', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await serveModel(page, TINY_MODEL);
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  await openApp(page, '#steps=3&backend=wasm&batch=1');
  const origin = new URL(page.url()).origin;
  await page.getByTestId('image-input').setInputFiles('public/samples/flat.png');
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await page.getByTestId('denoise-image').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  const foreign = requests.filter(
    (url) => !url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  const policy = await page.evaluate(() =>
    document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'),
  );
  expect(policy).toContain("default-src 'self'");
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  const html = readFileSync('dist/index.html', 'utf8');
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
});

test('50 samplings keep tfjs memory flat', async ({ page }) => {
  test.setTimeout(300_000);
  await serveModel(page, TINY_MODEL);
  await openApp(page);
  const counts = await page.evaluate(async () => {
    const model = window.__snrlab!.model!;
    await model.init('cpu', new URL('./models/emoji64/', document.baseURI).href, () => {});
    const memory: { numTensors: number; numBytes: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const job = model.sample(
        {
          sampler: 'dpmpp-2m',
          logSnrs: Float64Array.of(-15, 0, 15) as LogSnrGrid, // a type only: this runs in the page
          eta: 0,
          seed: i,
          batch: 1,
          previewEvery: 1,
          guidance: 1,
        },
        () => {},
      );
      await job.done;
      if (i === 4 || i === 49) memory.push((await model.test('memory'))!);
    }
    return memory;
  });
  expect(counts[1].numTensors).toBe(counts[0].numTensors);
  expect(counts[1].numBytes).toBe(counts[0].numBytes);
});

test('50 image loads keep the JS heap bounded', async ({ page }) => {
  test.setTimeout(300_000);
  await openApp(page);
  const cdp = await page.context().newCDPSession(page);
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  };
  const files = ['public/samples/flat.png', 'public/samples/white-noise.png'];
  const load = async (i: number) => {
    const count = await renders(page);
    await page.getByTestId('image-input').setInputFiles(files[i % 2]);
    await waitForRender(page, count);
  };
  for (let i = 0; i < 10; i++) await load(i);
  const after10 = await heap();
  for (let i = 10; i < 50; i++) await load(i);
  const after50 = await heap();
  // Each load holds ~10 MB of float buffers at H = 512 while it lives; 40 more loads must not keep them.
  expect(after50 - after10).toBeLessThan(20 * 2 ** 20);
});

test('a lost WebGPU device mid-sample falls back to wasm and says so', async ({ page }) => {
  test.setTimeout(300_000);
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=200&batch=1&backend=webgpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('sampling', { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toContainText('webgpu');
  await page.evaluate(() => window.__snrlab!.model!.test('device-loss'));
  await expect(page.getByTestId('sampler-notice')).toContainText('switched to wasm', { timeout: 60_000 });
  await expect(page.getByTestId('sample-status')).not.toHaveText('sampling', { timeout: 60_000 });
  // The next sample runs on the backend that took over.
  await page.getByTestId('sample-steps').fill('3');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toContainText('wasm');
});

test('a crashed worker is restarted on the next request, and the user is told', async ({ page }) => {
  await serveModel(page, TINY_MODEL);
  await openApp(page, '#steps=2&batch=1&backend=cpu');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 60_000 });
  await page.evaluate(() => window.__snrlab!.model!.test('crash').catch(() => {}));
  await expect(page.getByTestId('sampler-notice')).toContainText('crashed');
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 60_000 });
});

test('every control is keyboard-reachable with a visible focus ring, and axe finds no serious violations', async ({
  page,
}) => {
  await openApp(page);
  // Tab through the page: every tab stop gets focus, and focus is visibly outlined. Expected stops:
  // enabled controls, one per radio group (arrow keys move inside a group).
  const expected = await page.evaluate(() => {
    const seenGroups = new Set<string>();
    const stops = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].filter(
      (element) => {
        if ((element as HTMLButtonElement).disabled || element.tabIndex < 0) return false;
        if (element instanceof HTMLInputElement && element.type === 'radio') {
          if (seenGroups.has(element.name)) return false;
          seenGroups.add(element.name);
        }
        return true;
      },
    );
    stops.forEach((element, i) => (element.dataset.tabStop = String(i)));
    return stops.map((element) => element.outerHTML.slice(0, 100));
  });
  const reached = new Set<number>();
  // Charts add tab stops of their own (recharts' keyboard layer); allow for them.
  for (let i = 0; i < expected.length * 2 + 10 && reached.size < expected.length; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return {
        index: Number(element.dataset.tabStop ?? -1),
        key: element.outerHTML.slice(0, 100),
        outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
      };
    });
    if (focused) {
      expect(focused.outline, `focus ring on ${focused.key}`).toBe(true);
      if (focused.index >= 0) reached.add(focused.index);
    }
  }
  const missed = expected.filter((_, i) => !reached.has(i));
  expect(missed).toEqual([]);
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, JSON.stringify(violations)).toEqual([]);
});

test('the slider responds right after a bad input', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/hundred-megapixel.png`);
  await expect(page.getByTestId('error-message')).toContainText('megapixel');
  const before = await valueOf(page, 'logsnr-lo');
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => valueOf(page, 'logsnr-lo')).not.toBe(before);
});

test('a backend that cannot start is skipped, and the fallback is said', async ({ playwright }) => {
  // A browser launched without --enable-unsafe-webgpu has no WebGPU adapter: asking for WebGPU
  // must fall back to wasm and say why.
  const browser = await playwright.chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ['--headless', '--no-sandbox', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await serveModel(page, TINY_MODEL);
    await openApp(page, '#steps=2&batch=1&backend=webgpu');
    await page.getByTestId('sample-button').click();
    await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
    await expect(page.getByTestId('backend-name')).toContainText('wasm');
    await expect(page.getByTestId('sampler-notice')).toContainText('webgpu');
  } finally {
    await browser.close();
  }
});
