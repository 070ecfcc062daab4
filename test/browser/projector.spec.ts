// Issue 27 §2: on a 1280×720 projector every lesson step shows its text, the controls it names and
// the panels or chart it talks about, without the teacher scrolling, in English and in Chinese.
import { expect, test, type Page } from '@playwright/test';
import { LESSON_STEPS } from '../../src/ui/lesson/lessonSteps';

const PROJECTOR = { width: 1280, height: 720 };

/** What each step talks about beyond its highlights: the view's output a class must see. */
const ALSO_SEEN: Record<string, readonly string[]> = {
  s7: ['sampler-placeholder'],
};

/** The element's box, if it is rendered and lies wholly inside the viewport (with a 1 px slack). */
async function onScreen(page: Page, testId: string): Promise<{ ok: boolean; box: string }> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((element, height) => {
      const target =
        element instanceof HTMLInputElement && element.type === 'checkbox' ? element.parentElement! : element;
      const rect = target.getBoundingClientRect();
      const box = `top ${Math.round(rect.top)}, bottom ${Math.round(rect.bottom)}, height ${Math.round(rect.height)}`;
      const ok = rect.height > 0 && rect.width > 0 && rect.top >= -1 && rect.bottom <= height + 1;
      return { ok, box };
    }, PROJECTOR.height);
}

for (const lang of ['en', 'zh'] as const) {
  test(`at 1280×720 (${lang}) each step's text, controls and views are on screen without scrolling`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(PROJECTOR);
    for (const [index, step] of LESSON_STEPS.entries()) {
      const n = index + 1;
      await page.goto(`./#lesson=${n}&lang=${lang}`);
      await page.reload();
      await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', String(n));
      const wanted = ['lesson-step', 'lesson-next', ...step.highlight, ...(ALSO_SEEN[step.id] ?? [])];
      for (const id of wanted) {
        // Charts mount as they come near the screen: on screen, they mount without a scroll.
        await expect(page.getByTestId(id).first(), `step ${n}: ${id}`).toBeAttached({ timeout: 60_000 });
        await expect
          .poll(async () => (await onScreen(page, id)).ok, {
            message: `step ${n} (${lang}): ${id} on screen (${(await onScreen(page, id)).box})`,
            timeout: 10_000,
          })
          .toBe(true);
      }
    }
  });
}

test('the lesson\u2019s outlines cross no text: captions and the "×" beside a readout stay clear', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const [index, step] of LESSON_STEPS.entries()) {
    const n = index + 1;
    await page.goto(`./#lesson=${n}&lang=en`);
    await page.reload();
    await expect(page.getByTestId('lesson')).toHaveAttribute('data-step', String(n));
    await expect(page.getByTestId(step.highlight[0]).first()).toBeAttached({ timeout: 60_000 });
    await page.waitForTimeout(500);
    const crossings = await page.evaluate(() => {
      const found: string[] = [];
      const outlined = [...document.querySelectorAll<HTMLElement>('.app *')].filter((element) => {
        const style = getComputedStyle(element);
        return style.outlineStyle === 'solid' && style.outlineColor === 'rgb(191, 135, 0)';
      });
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const texts: { node: Text; rects: DOMRect[] }[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        texts.push({ node: node as Text, rects: [...range.getClientRects()] });
      }
      for (const element of outlined) {
        const style = getComputedStyle(element);
        const offset = parseFloat(style.outlineOffset);
        const width = parseFloat(style.outlineWidth);
        const box = element.getBoundingClientRect();
        const inner = { l: box.left - offset, r: box.right + offset, t: box.top - offset, b: box.bottom + offset };
        const outer = { l: inner.l - width, r: inner.r + width, t: inner.t - width, b: inner.b + width };
        for (const { node, rects } of texts) {
          if (element.contains(node)) continue;
          for (const rect of rects) {
            // Glyph boxes carry a little line spacing: judge the middle 60 % of the line's height.
            const top = rect.top + rect.height * 0.2;
            const bottom = rect.bottom - rect.height * 0.2;
            const overlaps = rect.left < outer.r && rect.right > outer.l && top < outer.b && bottom > outer.t;
            const inside = rect.left >= inner.l && rect.right <= inner.r && top >= inner.t && bottom <= inner.b;
            if (overlaps && !inside) {
              found.push(`${element.dataset.testid ?? element.tagName}: “${node.textContent!.trim().slice(0, 30)}”`);
            }
          }
        }
      }
      return found;
    });
    expect(crossings, `step ${n}`).toEqual([]);
  }
});
