// The explorer with the shift off and on, and presentation mode, at the three sizes.
// Build first (`npx vite build`), then: node docs/screenshots/explorer.mjs
import { OUT, SIZES, startSession } from './session.mjs';

/** name → [URL state, what to capture: 'page' or a CSS selector]. */
const VIEWS = {
  'explorer-shift-off': ['#t=0.55&shift=off', '.explorer'],
  'explorer-shift-on': ['#t=0.55&shift=auto', '.explorer'],
  presentation: ['#t=0.55&shift=auto&present=on', 'page'],
};

const session = await startSession();
try {
  for (const [name, [hash, target]] of Object.entries(VIEWS)) {
    for (const [size, viewport] of Object.entries(SIZES)) {
      const page = await session.open(viewport, hash);
      const path = `${OUT}/${name}-${size}.png`;
      if (target === 'page') await page.screenshot({ path });
      else await page.locator(target).screenshot({ path });
      await page.close();
    }
  }
} finally {
  await session.close();
}
