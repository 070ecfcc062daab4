// Screenshots of the sampler in compare mode for docs/screenshots/ (issue 14): the two 128 px
// models (cosine, and cosine with simple diffusion's resolution shift) from the same noise, at
// 1280×900, 420 px wide and 1280×720, each after a finished run. Checks that the page does not
// scroll sideways at any of them. Needs a built app in dist/ with the emoji128 models.
// Usage: node docs/screenshots/compare.mjs
import { OUT, SIZES, startSession } from './session.mjs';

const session = await startSession();
const hash = '#compare=1&steps=25&batch=4&seed=5&backend=wasm&sampler=dpmpp-2m';

try {
  for (const [name, [width, height]] of [
    ['sampler-compare-desktop', SIZES.desktop],
    ['sampler-compare-narrow', SIZES.narrow],
    ['sampler-compare-projector', SIZES.projector],
  ]) {
    const page = await session.open([width, height], hash);
    await page.getByTestId('sample-button').click();
    await page
      .getByTestId('sample-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 600_000 });
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
