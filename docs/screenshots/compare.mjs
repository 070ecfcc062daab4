// Screenshots of the sampler in compare mode for docs/screenshots/ (issues 14, 26): the two 128 px
// models (cosine, and cosine with simple diffusion's resolution shift) from the same noise, each
// result with its 32 and 16 px pooled views and per-band SWD, at 1280×900, 420 px wide and
// 1280×720 (English, and Chinese on the projector), each after a finished run. Checks that the
// page does not scroll sideways at any of them. Needs a built app in dist/ with the 128 px pair.
// Usage: node docs/screenshots/compare.mjs
import { OUT, SIZES, startSession } from './session.mjs';

const session = await startSession();
const hash = '#compare=1&steps=25&batch=4&seed=5&backend=wasm&sampler=dpmpp-2m';

try {
  for (const [name, [width, height]] of [
    ['sampler-compare-desktop', SIZES.desktop],
    ['sampler-compare-narrow', SIZES.narrow],
    ['sampler-compare-projector', SIZES.projector],
    ['sampler-compare-zh-projector', SIZES.projector],
  ]) {
    const page = await session.open([width, height], hash + (name.includes('-zh-') ? '&lang=zh' : ''));
    await page.getByTestId('sample-button').click();
    // data-value, not the text: the text is translated
    await page.locator('[data-testid="sample-status"][data-value="done"]').waitFor({ timeout: 600_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) throw new Error(`${name}: the page scrolls ${overflow} px sideways at ${width} px`);
    if (width === SIZES.desktop[0] && height === SIZES.desktop[1]) {
      await page.locator('section.sampler').screenshot({ path: `${OUT}/${name}.png` });
    } else {
      // The columns' headings at the top of the screen: the results below them.
      await page.getByTestId('compare-view').evaluate((view) => view.scrollIntoView());
      await page.screenshot({ path: `${OUT}/${name}.png` });
    }
    await page.close();
  }
} finally {
  await session.close();
}
