// Slider-to-paint latency of the explorer in headless Chromium: the time from the slider's input
// event to the frame after the three panels are repainted, measured inside the page
// (window.__snrlab.latencies), so Playwright's own round trips are not counted. Each H is measured
// with the mix forced to each path (`?mix=webgl`, `?mix=wasm`, `?mix=js`), in alternating blocks
// of steps, so they all see the same machine.

const BLOCK = 10;

/**
 * Runs `presses` slider steps per path at each H and returns
 * [{ hi, path, ran, median, p95, workMedian, workP95, samples, latencies, work }], `ran` being the path the page
 * reported (a forced WebGL or WebAssembly mix falls back to JavaScript where it is unavailable).
 */
export async function explorerLatency(browser, url, sizes, presses, quantile, paths = ['webgl', 'wasm', 'js']) {
  const results = [];
  for (const hi of sizes) {
    const pages = [];
    for (const path of paths) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${url}?mix=${path}#t=0.3&hi=${hi}&lo=${Math.min(64, hi)}`);
      await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 120_000 });
      await page.getByTestId('t-slider').focus();
      // Warm-up: JIT, canvas allocation, texture upload.
      for (let i = 0; i < 5; i++) await step(page, i % 2 ? 'ArrowLeft' : 'ArrowRight');
      await page.evaluate(() => {
        window.__snrlab.latencies.length = 0;
        window.__snrlab.workLatencies.length = 0;
      });
      pages.push(page);
    }
    for (let done = 0; done < presses; done += BLOCK) {
      for (const page of pages) {
        await page.bringToFront();
        await page.getByTestId('t-slider').focus();
        for (let i = done; i < Math.min(presses, done + BLOCK); i++)
          await step(page, i % 2 ? 'ArrowLeft' : 'ArrowRight');
      }
    }
    for (const [index, page] of pages.entries()) {
      const { latencies, work, ran } = await page.evaluate(() => ({
        latencies: [...window.__snrlab.latencies],
        work: [...window.__snrlab.workLatencies],
        ran: window.__snrlab.mix,
      }));
      results.push({
        hi,
        path: paths[index],
        ran,
        median: quantile(latencies, 0.5),
        p95: quantile(latencies, 0.95),
        workMedian: quantile(work, 0.5),
        workP95: quantile(work, 0.95),
        samples: latencies.length,
        latencies,
        work,
      });
      await page.close();
    }
  }
  return results;
}

async function step(page, key) {
  const before = await page.evaluate(() => window.__snrlab.latencies.length);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => window.__snrlab.latencies.length > n, before);
}
