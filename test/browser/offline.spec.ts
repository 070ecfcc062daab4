// Issue 17: after one online visit the app loads and samples with the network off. The service
// worker serves the app shell and wasm binaries, the model worker's cache the weights.
import { expect, test, type Page } from '@playwright/test';
import { cachedPaths, expectNoNotice, openApp, renders, shardDigests, waitForRender } from './helpers';
import { shippedModelPresent } from './modelRoutes';
import { LARGE_SAMPLE_FILES, LARGE_SAMPLES_CACHE } from '../../src/ui/explorerContent';

// This spec needs the service worker that the others block (playwright.config.ts).
test.use({ serviceWorkers: 'allow' });
test.skip(!shippedModelPresent(), 'public/models/emoji64 is not built yet');

const HASH = '#backend=wasm&steps=4&seed=3';

async function sampleOnce(page: Page): Promise<void> {
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toContainText('wasm');
}

test('after one online visit, the app loads, explores and samples offline', async ({ page, context }) => {
  test.setTimeout(240_000);
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url())); // the service worker's too
  await openApp(page, HASH);
  // The first visit's page is claimed once the shell is precached (clientsClaim).
  await page.waitForFunction(
    () => window.__snrlab?.offlineReady === true && navigator.serviceWorker.controller !== null,
  );
  await sampleOnce(page);
  // The weights are kept by content: one cache entry per shard, named by the sha256 in model.json,
  // written once the worker is idle (src/worker/idleGate.ts).
  const digests = await shardDigests(page);
  await expect
    .poll(() => cachedPaths(page), { timeout: 10_000 })
    .toEqual(expect.arrayContaining(digests.map((digest) => `/__snrlab/weights/sha256-${digest}`)));

  await context.setOffline(true);
  const failed: string[] = [];
  page.on('requestfailed', (request) => failed.push(`${request.url()} (${request.failure()?.errorText})`));
  page.on('response', (response) => {
    if (!response.ok()) failed.push(`${response.url()} (HTTP ${response.status()})`);
  });
  await page.reload();
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });

  // The explorer: a slider step repaints the panels.
  const before = await renders(page);
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await waitForRender(page, before);

  // The sampler: model.json and both shards come from the cache, the wasm binary from the precache.
  await sampleOnce(page);
  await expect(page.getByTestId('error-message')).toBeEmpty();
  expect(failed).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(requests.filter((url) => !url.startsWith(origin) && !/^(blob|data):/.test(url))).toEqual([]);
});

test('the app is installable: a manifest with name, theme colour and icons that load', async ({ page }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
  expect(manifest.name).toBe('SNR Lab');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.display).toBe('standalone');
  const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons as { src: string }[]) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    expect(status, icon.src).toBe(200);
  }
  // The worker script is same-origin and the page's CSP is unchanged (script-src 'self').
  const registration = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
  expect(new URL(registration!).origin).toBe(new URL(page.url()).origin);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).toContain("connect-src 'self'");
});

test('a model drawn from is kept for offline use the moment its first sample is done', async ({ page, context }) => {
  test.setTimeout(240_000);
  await openApp(page, HASH);
  await page.waitForFunction(
    () => window.__snrlab?.offlineReady === true && navigator.serviceWorker.controller !== null,
  );
  // Sample at once, then go offline and reload without a moment's pause: nothing may be lost.
  await sampleOnce(page);
  const digests = await shardDigests(page);
  expect(await cachedPaths(page)).toEqual(
    expect.arrayContaining(digests.map((digest) => `/__snrlab/weights/sha256-${digest}`)),
  );
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
  await sampleOnce(page);
  await expect(page.getByTestId('error-message')).toBeEmpty();
});

test('offline, a model never loaded says it is not available offline yet, and the explorer still works', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await openApp(page, HASH);
  await page.waitForFunction(
    () => window.__snrlab?.offlineReady === true && navigator.serviceWorker.controller !== null,
  );
  await context.setOffline(true);
  // The 128 px models were never loaded on this visit: none of their files are kept.
  await page.getByTestId('model-select').selectOption('emoji128w-shifted');
  await page.getByTestId('sample-button').click();
  const error = page.getByTestId('error-message');
  await expect(error).toContainText('not available offline yet', { timeout: 60_000 });
  await expect(error).toContainText('explorer and the schedule lab still work');
  const before = await renders(page);
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  await waitForRender(page, before);
});

test('the 2048 px photograph is not precached; shown once online above H = 512, it is there offline', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '#hi=1024&lo=64');
  await page.waitForFunction(
    () => window.__snrlab?.offlineReady === true && navigator.serviceWorker.controller !== null,
  );
  const precached = await page.evaluate(async () => {
    const names = (await caches.keys()).filter((name) => name.startsWith('workbox-precache'));
    const keys = await Promise.all(names.map(async (name) => (await caches.open(name)).keys()));
    return keys.flat().map((request) => new URL(request.url).pathname);
  });
  expect(precached.some((path) => path.endsWith('/samples/photo.jpg'))).toBe(true);
  expect(precached.filter((path) => LARGE_SAMPLE_FILES.some((file) => path.endsWith(file)))).toEqual([]);

  // Fetched through the (now controlling) service worker, it is kept in the runtime cache.
  await page.reload();
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
  await expect
    .poll(() =>
      page.evaluate(
        async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname),
        LARGE_SAMPLES_CACHE,
      ),
    )
    .toEqual([expect.stringMatching(/\/samples\/photo-2048\.jpg$/)]);

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
  await expect
    .poll(() => page.getByTestId('panel-hi').evaluate((canvas) => (canvas as HTMLCanvasElement).width))
    .toBe(1024);
  await expect(page.getByTestId('error-message')).toBeEmpty();
  await expectNoNotice(page, 'Upscaled');
});
