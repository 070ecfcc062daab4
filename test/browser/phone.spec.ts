// Issue 27 §6: on a 390 px phone every readout column can be seen, t stays reachable while the
// panels are watched, and the sampler's selects show their whole value.
import { expect, test, type Page } from '@playwright/test';
import { openApp } from './helpers';

const PHONE = { width: 390, height: 844 };

/** Whether the element lies inside the viewport and is not cut off by a scrolling ancestor. */
async function whollySeen(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((element, size) => {
    const rect = element.getBoundingClientRect();
    if (
      rect.width === 0 ||
      rect.left < -1 ||
      rect.right > size.width + 1 ||
      rect.top < -1 ||
      rect.bottom > size.height + 1
    ) {
      return false;
    }
    for (let box = element.parentElement; box; box = box.parentElement) {
      const clip = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      if (style.overflowX !== 'visible' && (rect.left < clip.left - 1 || rect.right > clip.right + 1)) return false;
    }
    return true;
  }, PHONE);
}

test.describe('phone (390 px)', () => {
  test.use({ viewport: PHONE });

  test('every readout column is seen: the measured SNR of each row too', async ({ page }) => {
    await openApp(page, '#lang=en');
    for (const row of ['hi', 'lo', 'pooled']) {
      for (const column of ['logsnr', 'alpha', 'sigma', 'snr-db', 'measured-snr-db']) {
        const id = `${column}-${row}`;
        await expect
          .poll(
            async () => {
              await page.getByTestId(id).scrollIntoViewIfNeeded();
              return whollySeen(page, id);
            },
            { message: id },
          )
          .toBe(true);
      }
    }
    // No sideways scrolling anywhere on the page.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });

  test('the t slider stays on screen while the panels are watched', async ({ page }) => {
    await openApp(page, '#lang=en');
    await page.getByTestId('panel-pooled').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    expect(await whollySeen(page, 't-slider')).toBe(true);
    // and it still moves t from there
    const before = await page.getByTestId('t-value').getAttribute('data-value');
    await page.getByTestId('t-slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('t-value')).not.toHaveAttribute('data-value', before!);
  });

  test("the sampler's selects are not cut off", async ({ page }) => {
    await page.goto('./#lang=en');
    const selects = page.locator('.sampler select');
    await expect(selects.first()).toBeVisible({ timeout: 60_000 });
    for (const select of await selects.all()) {
      if (!(await select.isVisible())) continue;
      const cut = await select.evaluate((element: HTMLSelectElement) => {
        const option = element.selectedOptions[0];
        if (!option) return null;
        // The chosen option's text width against the room the select gives it.
        const probe = document.createElement('span');
        probe.style.font = getComputedStyle(element).font;
        probe.style.whiteSpace = 'pre';
        probe.textContent = option.text;
        document.body.append(probe);
        const textWidth = probe.getBoundingClientRect().width;
        probe.remove();
        const room = element.clientWidth - 28; // the arrow and the padding
        return textWidth > room
          ? `${element.dataset.testid}: “${option.text}” ${Math.round(textWidth)} > ${room}`
          : null;
      });
      expect(cut).toBeNull();
    }
  });
});
