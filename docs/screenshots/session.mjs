// What every screenshot script needs: the built app (dist/) served locally, Debian's Chromium, and
// a page opened at a URL state once the first image is painted and the lazy charts have settled.
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../bench/staticServer.mjs';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';

export const OUT = 'docs/screenshots';
/** The three sizes we look at: a desktop, a 420 px phone, a 1280×720 projector. */
export const SIZES = { desktop: [1280, 900], narrow: [420, 900], projector: [1280, 720] };

export async function startSession(port = Number(process.env.SNRLAB_PORT ?? 4420)) {
  const server = await startStaticServer(port);
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  return {
    /** The served app's address (for pages that frame it). */
    url: server.url,
    /** `ready: false` for a view without the explorer (embed=lab, embed=sampler): no image to wait for. */
    async open([width, height], hash = '', { ready = true } = {}) {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(server.url + hash);
      if (ready) await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
      // The lab's charts load lazily and move what is below them: let the layout settle.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(1000);
      return page;
    },
    async close() {
      await browser.close();
      server.stop();
    },
  };
}
