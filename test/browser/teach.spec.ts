// Issue 15: the guided lesson, embeddable views, and the Chinese interface.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Frame, type Page } from '@playwright/test';
import { LESSON_STEPS } from '../../src/ui/lesson/lessonSteps';
import { LESSON_STEP_COUNT } from '../../src/ui/urlState';
import { englishLeft } from '../englishLeft';
import { mountAllCharts, scrollToChart } from './helpers';

type View = 'explorer' | 'lab' | 'sampler';
const VIEWS: readonly View[] = ['explorer', 'lab', 'sampler'];

/** What shows that a view has rendered (the explorer: its first painted image). */
async function viewReady(target: Page | Frame, view: View | 'lesson'): Promise<void> {
  if (view === 'explorer' || view === 'lesson') {
    await target.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
  }
  if (view === 'lab' || view === 'lesson') {
    if (view === 'lab') {
      // The chart mounts when it comes near the screen (ChartSuspense): scroll to it as a reader would.
      await target.getByTestId('chart-slot-curves').scrollIntoViewIfNeeded();
      await expect(target.getByTestId('curve-chart')).toBeVisible({ timeout: 60_000 });
    }
  }
  if (view === 'sampler') await expect(target.getByTestId('model-select')).toBeVisible({ timeout: 60_000 });
}

/** Serves one HTML page on 127.0.0.1 at a free port: another origin than the app's. */
async function serveHostPage(html: string): Promise<{ url: string; close: () => void }> {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/post.html`, close: () => server.close() };
}

/** The chart slot (helpers.scrollToChart) of each chart a lesson step may highlight. */
const CHART_SLOTS: Record<string, 'spectrum' | 'curves' | 'histogram' | undefined> = {
  'spectrum-chart': 'spectrum',
  'curve-chart': 'curves',
  'histogram-chart': 'histogram',
};

/** The step shown: the lesson's data-step. */
const shownStep = async (page: Page) => Number(await page.getByTestId('lesson').getAttribute('data-step'));

test.describe('guided lesson', () => {
  test('every step loads from its URL, on its own view, with its state and highlights', async ({ page }) => {
    for (let n = 1; n <= LESSON_STEP_COUNT; n++) {
      const step = LESSON_STEPS[n - 1];
      await page.goto(`./#lesson=${n}&lang=en`);
      // From step n - 1 this goto changes only the hash, which the app reads on hashchange: wait
      // for the lesson to show step n (reading data-step at once raced it: 2 where 3 was asked).
      await expect(page.getByTestId('lesson'), `step ${n}`).toHaveAttribute('data-step', String(n));
      await viewReady(page, step.view);
      await expect(page.getByTestId('lesson-step'), `step ${n}`).toBeVisible();
      expect(await shownStep(page)).toBe(n);
      // Two to four sentences, and a formula.
      const text = (await page.getByTestId('lesson-step').textContent()) ?? '';
      const sentences = text.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
      expect(sentences.length, `step ${n}: ${text}`).toBeGreaterThanOrEqual(2);
      expect(sentences.length, `step ${n}: ${text}`).toBeLessThanOrEqual(4);
      await expect(page.getByTestId('lesson-formula')).not.toBeEmpty();
      // Only the step's view is shown.
      for (const view of VIEWS) {
        const container = page.locator(`[data-view="${view}"]`);
        if (view === step.view) await expect(container, `step ${n}`).toBeVisible();
        else await expect(container, `step ${n}: ${view}`).toBeHidden();
      }
      // The state the step sets reached the controls, and its first highlight is outlined.
      if (step.state.shift) {
        await expect(page.getByTestId('shift-toggle')).toBeChecked({ checked: step.state.shift === 'auto' });
      }
      if (step.state.compare !== undefined) {
        await expect(page.getByTestId('compare-toggle')).toBeChecked({ checked: step.state.compare });
      }
      const first = page.getByTestId(step.highlight[0]);
      // A highlighted chart mounts when the student scrolls to it (ChartSuspense).
      const slot = CHART_SLOTS[step.highlight[0]];
      if (slot) await scrollToChart(page, slot);
      await expect(first).toBeAttached();
      const outlined = await first.evaluate((element) => {
        // A control is outlined with its label, a panel's canvas with its figure (LessonHighlight).
        const parent = element.parentElement!;
        const target =
          (element instanceof HTMLInputElement || element instanceof HTMLSelectElement) && parent.tagName === 'LABEL'
            ? parent
            : element instanceof HTMLCanvasElement && parent.tagName === 'FIGURE'
              ? parent
              : element;
        return getComputedStyle(target).outlineStyle;
      });
      expect(outlined, `step ${n}: ${step.highlight[0]} highlighted`).toBe('solid');
    }
  });

  test("a link's own keys win over its step's defaults, until the student leaves that step", async ({ page }) => {
    // Step 5 sets t = 0.5; a teacher's link to it with t = 0.3 opens at 0.3.
    await page.goto('./#lesson=5&t=0.3&lang=en');
    await viewReady(page, 'explorer');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '5');
    const t = async () => Number(await page.getByTestId('t-value').getAttribute('data-value'));
    await expect.poll(t).toBeCloseTo(0.3, 6);
    // Its other settings are the step's: the shift is on.
    await expect(page.getByTestId('shift-toggle')).toBeChecked();
    // Left and entered again, the step sets its own t.
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '6');
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '5');
    await expect.poll(t).toBeCloseTo(0.5, 6);
  });

  test('next / previous and the arrow keys move between steps, and the URL follows', async ({ page }) => {
    await page.goto('./#lesson=1&lang=en');
    await viewReady(page, 'explorer');
    await expect(page.getByTestId('lesson-prev')).toBeDisabled();
    const first = await page.getByTestId('lesson-step').textContent();
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '2');
    expect(await page.getByTestId('lesson-step').textContent()).not.toBe(first);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lesson=2');
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '1');

    // Arrow keys on the page (not in a control).
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '3');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '2');

    // A focused slider keeps its arrows: t moves, the step does not.
    const t = await page.getByTestId('t-value').getAttribute('data-value');
    await page.getByTestId('t-slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('t-value')).not.toHaveAttribute('data-value', t!);
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '2');

    // Presentation mode keeps its arrows for t.
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('p');
    await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
    const before = Number(await page.getByTestId('t-value').getAttribute('data-value'));
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(async () => Number(await page.getByTestId('t-value').getAttribute('data-value')))
      .toBeCloseTo(before + 0.01, 6);
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '2');
    await page.keyboard.press('Escape');

    // Through to the last step and back to the lab's step.
    for (let n = 3; n <= LESSON_STEP_COUNT; n++) await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', String(LESSON_STEP_COUNT));
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await expect(page.locator('[data-view="sampler"]')).toBeVisible();
    await page.getByTestId('lesson-prev').click();
    await page.getByTestId('lesson-prev').click();
    await expect(page.locator('[data-view="lab"]')).toBeVisible();
    await expect(page.getByTestId('shift-target')).toHaveValue('512');
  });

  test('starts from the header and can be left', async ({ page }) => {
    await page.goto('./#lang=en');
    await viewReady(page, 'explorer');
    await page.getByTestId('lesson-start').click();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', '1');
    await page.getByTestId('lesson-exit').click();
    await expect(page.getByTestId('lesson')).toHaveCount(0);
    for (const view of VIEWS) await expect(page.locator(`[data-view="${view}"]`)).toBeVisible();
  });
});

test.describe('embeds', () => {
  for (const view of [...VIEWS, 'lesson'] as const) {
    test(`embed=${view} shows only its view, and works in an iframe on another origin`, async ({ page, baseURL }) => {
      await page.setViewportSize({ width: 900, height: 800 });
      await page.goto(`./#embed=${view}&lang=en${view === 'lesson' ? '&lesson=3' : ''}`);
      await viewReady(page, view);
      await expect(page.locator('header')).toHaveCount(0);
      await expect(page.locator('footer')).toHaveCount(0);
      await expect(page.getByTestId('embed-open-full')).toBeVisible();
      const shown = view === 'lesson' ? 'explorer' : view;
      await expect(page.locator('[data-view]')).toHaveCount(1);
      await expect(page.locator(`[data-view="${shown}"]`)).toBeVisible();
      await expect(page.getByTestId('lesson')).toHaveCount(view === 'lesson' ? 1 : 0);

      // A teacher's page on another origin (another port) frames the built app. A real server, not a
      // routed response: Chromium treats a routed page as public and blocks it from framing a local
      // server (local network access), which no real deployment meets.
      const src = `${baseURL}#embed=${view}&lang=en${view === 'lesson' ? '&lesson=3' : ''}`;
      const host = await serveHostPage(
        `<!doctype html><title>A post</title><h1>My post</h1>
          <iframe id="lab" src="${src}" width="100%" height="700" style="border:0"></iframe>`,
      );
      expect(new URL(host.url).origin).not.toBe(new URL(baseURL!).origin);
      await page.goto(host.url);
      const frame = page.frame({ url: (url) => url.href.startsWith(baseURL!) });
      expect(frame, 'the iframe loaded the app').not.toBeNull();
      await viewReady(frame!, view);
      await expect(frame!.locator('[data-view]')).toHaveCount(1);
      await expect(frame!.locator('header')).toHaveCount(0);
      expect(await frame!.evaluate(() => window.top !== window.self)).toBe(true);
      // Responsive to its frame: nothing wider than the iframe.
      const overflow = await frame!.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(1);
      host.close();
    });
  }

  test('"copy embed code" gives an iframe of the current state at this page\u2019s address', async ({
    page,
    baseURL,
  }) => {
    await page.goto('./#t=0.3&shift=auto&lang=en');
    await viewReady(page, 'explorer');
    await page.getByTestId('embed-view-select').selectOption('explorer');
    await page.getByTestId('embed-copy').click();
    const code = await page.getByTestId('embed-code').inputValue();
    expect(code).toMatch(/^<iframe src="[^"]+"/);
    const src = code.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
    expect(src.startsWith(baseURL!)).toBe(true);
    expect(src).toContain('embed=explorer');
    expect(src).toContain('t=0.3');
    expect(src).toContain('shift=auto');
    await page.goto(src);
    await viewReady(page, 'explorer');
    await expect(page.locator('header')).toHaveCount(0);
    await expect(page.getByTestId('shift-toggle')).toBeChecked();
  });
});

/**
 * Visible text of the page (text nodes whose element is rendered, and the options of selects),
 * with names, units, numbers and formulas removed: what is left must not be English.
 */
async function englishOnPage(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'OPTION', 'TEXTAREA'].includes(parent.tagName)) continue;
      if (!parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      if (node.textContent?.trim()) found.push(node.textContent.trim());
    }
    for (const select of document.querySelectorAll('select')) {
      if (select.checkVisibility()) for (const option of select.options) found.push(option.text);
    }
    return found;
  });
  return englishLeft(texts);
}

test.describe('Chinese interface', () => {
  const PAGES: [string, string, View | 'lesson'][] = [
    ['the whole page', '', 'explorer'],
    ['the explorer embed', '&embed=explorer', 'explorer'],
    ['the lab embed', '&embed=lab', 'lab'],
    ['the sampler embed', '&embed=sampler', 'sampler'],
    ['the lesson, step 4', '&lesson=4', 'lesson'],
    ['the lesson, step 6', '&lesson=6', 'lab'],
    ['the lesson, step 8', '&lesson=8', 'sampler'],
  ];
  for (const width of [1280, 420]) {
    for (const [name, hash, ready] of PAGES) {
      test(`${name} in zh at ${width} px: no English UI text, no horizontal overflow`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`./#lang=zh${hash}`);
        await viewReady(page, ready);
        if (hash === '') await expect(page.getByTestId('model-select')).toBeVisible({ timeout: 60_000 });
        await mountAllCharts(page);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
        expect(await englishOnPage(page), 'English text left in the zh page').toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, 'horizontal overflow').toBeLessThanOrEqual(1);
      });
    }
  }

  test('the header switches the language, and lang= follows', async ({ page }) => {
    await page.goto('./#lang=en');
    await viewReady(page, 'explorer');
    await expect(page.locator('#explorer-title')).toHaveText('SNR explorer');
    await page.getByTestId('lang-zh').click();
    await expect(page.locator('#explorer-title')).toHaveText('信噪比探索器');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('lang=zh');
    await page.getByTestId('lang-en').click();
    await expect(page.locator('#explorer-title')).toHaveText('SNR explorer');
  });

  test('a Chinese browser opens in Chinese without lang= in the link', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(test.info().project.use.baseURL!);
    await viewReady(page, 'explorer');
    await expect(page.locator('#explorer-title')).toHaveText('信噪比探索器');
    await context.close();
  });
});
