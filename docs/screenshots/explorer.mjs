// The explorer with the shift off and on, at H = 2048 (the 2048 px photograph, in English and
// Chinese), and presentation mode, at the three sizes.
// Build first (`npx vite build`), then: node docs/screenshots/explorer.mjs
import { OUT, SIZES, startSession } from './session.mjs';

/** name → [URL state, what to capture: 'page' or a CSS selector]. */
const VIEWS = {
  'explorer-shift-off': ['#t=0.55&shift=off', '.explorer'],
  'explorer-shift-on': ['#t=0.55&shift=auto', '.explorer'],
  'explorer-h2048': ['#t=0.55&shift=off&hi=2048&lo=64', '.explorer'],
  'zh-explorer-h1024': ['#t=0.55&shift=off&hi=1024&lo=64&lang=zh', '.explorer'],
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
