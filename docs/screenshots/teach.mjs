// Screenshots for issue 15 (docs/screenshots/): a middle step of the guided lesson (English, and
// Chinese), the explorer embedded in an iframe of a page on another origin, and the Chinese
// explorer and sampler, at 1280×900, 420 px wide and 1280×720. Checks that no page scrolls
// sideways. Needs a built app in dist/.
// Usage: node docs/screenshots/teach.mjs
import { createServer } from 'node:http';
import { OUT, SIZES, startSession } from './session.mjs';

/** One HTML page on 127.0.0.1 at a free port: another origin than the app's. */
async function serveHostPage(html) {
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/post.html`, close: () => server.close() };
}

const session = await startSession();

/** Fails when the page (or frame) is wider than its viewport. */
async function checkOverflow(target, name) {
  const overflow = await target.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) throw new Error(`${name}: scrolls ${overflow} px sideways`);
}

const sizes = [
  ['desktop', SIZES.desktop],
  ['narrow', SIZES.narrow],
  ['projector', SIZES.projector],
];

try {
  for (const [size, viewport] of sizes) {
    // The lesson at step 3 (pool it: +18 dB) and, in Chinese, step 5 (the shift).
    for (const [name, hash] of [
      ['lesson-step3', '#lesson=3&lang=en'],
      ['lesson-step5-zh', '#lesson=5&lang=zh'],
      ['ladder', '#view=ladder&lang=en'],
    ]) {
      // The ladder hides the panels: the spectrum below it is not waited for.
      const page = await session.open(viewport, hash, name === 'ladder' ? { ready: false } : undefined);
      if (name === 'ladder') await page.getByTestId('ladder-rung-1024').waitFor();
      await checkOverflow(page, `${name}-${size}`);
      await page.screenshot({ path: `${OUT}/${name}-${size}.png` });
      await page.close();
    }

    // The explorer in an iframe of a blog post on another origin.
    {
      const page = await session.open(viewport, '#lang=en');
      // Another origin: a page served on another port (a real local server: Chromium blocks a
      // routed, "public" page from framing a local one, which a real deployment never meets).
      const host = await serveHostPage(
        `<!doctype html><meta name="viewport" content="width=device-width"><title>A post</title>
          <style>body{font:18px/1.5 Georgia,serif;max-width:760px;margin:1rem auto;padding:0 1rem}</style>
          <h1>Why 512 px images need more noise</h1>
          <p>Move the slider: the pooled 512 px image stays cleaner than the 64 px one, until the shift is on.</p>
          <iframe src="${session.url}#embed=explorer&t=0.55&shift=off&lang=en" title="SNR Lab: SNR explorer"
            width="100%" height="1100" style="border:1px solid #ccc;max-width:100%"></iframe>`,
      );
      await page.goto(host.url);
      const frame = page.frames().find((f) => f.url().startsWith(session.url));
      await frame.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      await checkOverflow(frame, `embed-explorer-${size}`);
      await page.screenshot({ path: `${OUT}/embed-explorer-${size}.png` });
      await page.close();
      host.close();
    }

    // The Chinese explorer and sampler: the whole view on a desktop, the screen elsewhere.
    {
      const page = await session.open(viewport, '#lang=zh&t=0.55');
      // The spectrum comes from a worker, after the panels, once its slot nears the screen: bring it
      // near, wait for it (not for its placeholder), and go back to the top.
      await page.getByTestId('chart-slot-spectrum').scrollIntoViewIfNeeded();
      await page.getByTestId('spectrum-chart').waitFor({ timeout: 120_000 });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(500);
      await checkOverflow(page, `zh-explorer-${size}`);
      if (size === 'desktop')
        await page.locator('section.explorer').screenshot({ path: `${OUT}/zh-explorer-${size}.png` });
      else await page.screenshot({ path: `${OUT}/zh-explorer-${size}.png` });
      await page.close();
    }
    {
      const page = await session.open(viewport, '#embed=sampler&lang=zh&steps=10&batch=4&seed=5&backend=wasm', {
        ready: false,
      });
      await page.getByTestId('sample-button').click();
      await page.getByTestId('sample-status').and(page.locator('[data-value="done"]')).waitFor({ timeout: 300_000 });
      await page.waitForTimeout(500);
      await checkOverflow(page, `zh-sampler-${size}`);
      if (size === 'desktop')
        await page.locator('section.sampler').screenshot({ path: `${OUT}/zh-sampler-${size}.png` });
      else await page.screenshot({ path: `${OUT}/zh-sampler-${size}.png` });
      await page.close();
    }
  }
} finally {
  await session.close();
}
