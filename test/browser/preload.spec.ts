// Issue 18, item 4: the chosen model loads with the page, in the worker, so a first click samples
// at once; a click during that load waits for it (one load, not two); Save-Data turns it off.
import { expect, test, type Page } from '@playwright/test';
import { cachedPaths, openApp, scrollToChart, shardDigests } from './helpers';

const MODEL_JSON = /\/models\/emoji64\/model\.json$/;

function countModelRequests(page: Page): { count: number } {
  const seen = { count: 0 };
  page.on('request', (request) => {
    if (MODEL_JSON.test(request.url())) seen.count += 1;
  });
  return seen;
}

/** Holds back every request matching `pattern` until the returned function is called. */
async function holdRequests(page: Page, pattern: RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('the chosen model is loaded before the first click, and the click does not load it again', async ({ page }) => {
  const requests = countModelRequests(page);
  await openApp(page, '#steps=2&backend=wasm');
  // Nobody clicked: the sampler still says idle, but the worker holds the model.
  await page.waitForFunction(() => window.__snrlab?.lastReady !== undefined, null, { timeout: 60_000 });
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'idle');
  expect(requests.count).toBe(1);
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'done', { timeout: 60_000 });
  expect(requests.count).toBe(1);
});

test('a click while the model is still loading waits for that load', async ({ page }) => {
  const requests = countModelRequests(page);
  // Hold the weights back until the click has happened.
  const release = await holdRequests(page, /\/models\/emoji64\/.*\.bin$/);
  await openApp(page, '#steps=2&backend=wasm');
  await expect.poll(() => requests.count).toBe(1);
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'loading');
  release();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'done', { timeout: 60_000 });
  expect(requests.count).toBe(1);
});

test('a chart scrolled to during the start-up waits for the model load', async ({ page }) => {
  const release = await holdRequests(page, /\/models\/emoji64\/.*\.bin$/);
  await openApp(page, '#steps=2&backend=wasm');
  await scrollToChart(page, 'histogram');
  await page.waitForTimeout(1500); // long enough for the chart to have mounted, were it not held
  await expect(page.getByTestId('chart-slot-histogram').locator('.chart-placeholder')).toHaveCount(1);
  release();
  await expect(page.getByTestId('histogram-chart')).toBeVisible({ timeout: 30_000 });
  await page.waitForFunction(() => window.__snrlab?.lastReady !== undefined, null, { timeout: 60_000 });
});

test('a chart waits for the start-up a few seconds at most (a slow download holds no chart for long)', async ({ page }) => {
  await holdRequests(page, /\/models\/emoji64\/.*\.bin$/); // never released
  await openApp(page, '#steps=2&backend=wasm');
  await scrollToChart(page, 'curves');
  await expect(page.getByTestId('curve-chart')).toBeVisible({ timeout: 20_000 });
  expect(await page.evaluate(() => window.__snrlab?.lastReady)).toBeUndefined(); // still loading
});

test('the downloaded weights are written to the cache after the first sample, not during it', async ({ page }) => {
  const release = await holdRequests(page, /\/models\/emoji64\/.*\.bin$/);
  await openApp(page, '#steps=60&backend=wasm');
  await page.getByTestId('sample-button').click(); // waits for the preload, then samples at once
  release();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'sampling', { timeout: 60_000 });
  const shardKeys = (await shardDigests(page)).map((digest) => `/__snrlab/weights/sha256-${digest}`);
  expect((await cachedPaths(page)).filter((path) => shardKeys.includes(path))).toEqual([]);
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  await expect.poll(() => cachedPaths(page), { timeout: 10_000 }).toEqual(expect.arrayContaining(shardKeys));
});

test('with Save-Data on, nothing is loaded until the click', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
  });
  const requests = countModelRequests(page);
  await openApp(page, '#steps=2&backend=wasm');
  await page.waitForTimeout(1500);
  expect(requests.count).toBe(0);
  expect(await page.evaluate(() => window.__snrlab?.lastReady)).toBeUndefined();
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'done', { timeout: 60_000 });
  expect(requests.count).toBe(1);
});

test('choosing another backend during a run does not disturb it; the new one loads after', async ({ page }) => {
  await openApp(page, '#steps=60&backend=wasm');
  await page.waitForFunction(() => window.__snrlab?.lastReady !== undefined, null, { timeout: 60_000 });
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'sampling');
  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('sample-status')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('error-message')).toBeEmpty();
  // After the run, the quiet preload brings up the newly chosen backend.
  await expect.poll(() => page.evaluate(() => window.__snrlab?.lastReady?.backend), { timeout: 60_000 }).toBe('cpu');
});

test('the backend starts before the models index arrives, and the weights follow it', async ({ page }) => {
  // Hold the index back: the worker starts its backend (the wasm binary is fetched) meanwhile.
  const release = await holdRequests(page, /\/models\/index\.json$/);
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wasm')) wasm.push(request.url());
  });
  const requests = countModelRequests(page);
  await openApp(page, '#steps=2&backend=wasm');
  await expect.poll(() => wasm.length, { timeout: 30_000 }).toBeGreaterThan(0);
  expect(requests.count).toBe(0);
  release();
  await page.waitForFunction(() => window.__snrlab?.lastReady !== undefined, null, { timeout: 60_000 });
  expect(requests.count).toBe(1);
  expect(await page.evaluate(() => window.__snrlab?.lastReady?.backend)).toBe('wasm');
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('it registers only once the start-up load is done', async ({ page }) => {
    const release = await holdRequests(page, /\/models\/emoji64\/.*\.bin$/);
    await openApp(page, '#steps=2&backend=wasm');
    // The page has painted and the load is held: no service worker yet (its precache would compete).
    await page.waitForTimeout(2000);
    expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((r) => r.length))).toBe(0);
    release();
    await page.waitForFunction(() => window.__snrlab?.offlineReady === true, null, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__snrlab?.lastReady?.backend)).toBe('wasm');
  });
});

test('a model that failed to load is tried again by the click only, not quietly after it', async ({ page }) => {
  await page.route(/\/models\/emoji64\/.*\.bin$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  const requests = countModelRequests(page);
  await openApp(page, '#steps=2&backend=wasm');
  await expect.poll(() => requests.count).toBe(1); // the preload, which fails quietly
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('error-message')).toBeEmpty();
  await page.getByTestId('sample-button').click();
  await expect(page.getByTestId('error-message')).toContainText('missing (HTTP 404');
  // The failed click ends the loading state, which used to start another quiet preload.
  await page.waitForTimeout(1500);
  expect(requests.count).toBe(2);
});
