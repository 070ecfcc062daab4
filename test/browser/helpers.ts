import { expect, type Page } from '@playwright/test';

/** Opens the app (optionally with a hash) and waits for the first painted image. */
export async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto('./' + hash);
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
}

/** The raw number behind a readout (data-value, UI test contract). */
export async function valueOf(page: Page, testId: string): Promise<number> {
  const raw = await page.getByTestId(testId).getAttribute('data-value');
  expect(raw, `${testId} has a data-value`).not.toBeNull();
  return Number(raw);
}

/** A hash of the three panels' pixels, to tell whether they changed. */
export async function panelFingerprint(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const id of ['panel-hi', 'panel-lo', 'panel-pooled']) {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let hash = 2166136261;
      for (let i = 0; i < data.length; i += 7) hash = Math.imul(hash ^ data[i], 16777619);
      parts.push(`${canvas.width}:${hash >>> 0}`);
    }
    return parts.join('/');
  });
}

/** Waits until the render counter moves past `previous`. */
export async function waitForRender(page: Page, previous: number): Promise<void> {
  await page.waitForFunction((count) => (window.__snrlab?.renders ?? 0) > count, previous);
}

export const renders = (page: Page): Promise<number> => page.evaluate(() => window.__snrlab?.renders ?? 0);

/**
 * Scrolls a chart's slot into view, as a user would: each chart mounts when it first comes near
 * the screen (src/ui/controls/ChartSuspense.tsx), and the spectrum is computed only then.
 */
export async function scrollToChart(page: Page, name: 'spectrum' | 'curves' | 'histogram'): Promise<void> {
  await page.getByTestId(`chart-slot-${name}`).scrollIntoViewIfNeeded();
}

/** Scrolls to every chart on the page so that all of them mount, and waits until none is a placeholder. */
export async function mountAllCharts(page: Page): Promise<void> {
  const slots = page.locator('[data-testid^="chart-slot-"]:visible');
  for (let i = 0; i < (await slots.count()); i++) await slots.nth(i).scrollIntoViewIfNeeded();
  await expect(page.locator('.chart-placeholder')).toHaveCount(0, { timeout: 60_000 });
}

export const PANELS = ['panel-hi', 'panel-lo', 'panel-pooled'] as const;

interface Panel {
  width: number;
  height: number;
  /** [height, width, 4] RGBA. */
  rgba: Buffer;
}

/** The three panels' pixels as the 2D canvases hold them. */
export async function panelPixels(page: Page): Promise<Panel[]> {
  const encoded = await page.evaluate((ids) => {
    return ids.map((id) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${id}"]`)!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let binary = '';
      for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
      return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
    });
  }, PANELS);
  return encoded.map(({ width, height, base64 }) => ({ width, height, rgba: Buffer.from(base64, 'base64') }));
}

/** Largest per-channel difference between two pages' panels (sizes must agree). */
export async function maxPanelDifference(a: Page, b: Page): Promise<number[]> {
  const [panelsA, panelsB] = [await panelPixels(a), await panelPixels(b)];
  return panelsA.map((panel, i) => {
    const other = panelsB[i];
    expect([panel.width, panel.height], `${PANELS[i]} size`).toEqual([other.width, other.height]);
    expect(panel.rgba.length).toBe(panel.width * panel.height * 4);
    let max = 0;
    for (let j = 0; j < panel.rgba.length; j++) max = Math.max(max, Math.abs(panel.rgba[j] - other.rgba[j]));
    return max;
  });
}

export const mixPath = (page: Page) => page.getByTestId('panels').getAttribute('data-mix');

/** Sets the URL hash (the app follows it) and waits for the repaint. */
export async function goToHash(page: Page, hash: string): Promise<void> {
  const before = await renders(page);
  await page.evaluate((next) => {
    window.location.hash = next;
  }, hash);
  await waitForRender(page, before);
}

/** The sha256 of each emoji64 weights shard, as its model.json names them. */
export async function shardDigests(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const manifest = await (await fetch('./models/emoji64/model.json')).json();
    return Object.values(manifest.snrlab.shards as Record<string, { sha256: string }>).map((s) => s.sha256);
  });
}

/** The paths of everything in the model worker's cache (src/worker/modelCache.ts). */
export async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const cache = await caches.open('snrlab-models-v1');
    return (await cache.keys()).map((request) => new URL(request.url).pathname);
  });
}

/** No image notice says `text`. The notice list is absent when there is none, and
 * `not.toContainText` on an absent element fails, so count the notices that say it. */
export async function expectNoNotice(page: Page, text: string): Promise<void> {
  await expect(page.getByTestId('image-notices').filter({ hasText: text })).toHaveCount(0);
}
