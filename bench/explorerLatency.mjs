// Slider-to-paint latency of the explorer in headless Chromium: the time from the slider's input
// event to the frame after the three panels are repainted, measured inside the page
// (window.__snrlab.latencies), so Playwright's own round trips are not counted.

/** Runs `presses` slider steps at each H and returns [{ hi, median, p95, samples, latencies, work }]. */
export async function explorerLatency(browser, url, sizes, presses, quantile) {
  const results = [];
  for (const hi of sizes) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${url}#t=0.3&hi=${hi}&lo=${Math.min(64, hi)}`);
    await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 120_000 });
    const slider = page.getByTestId('t-slider');
    await slider.focus();
    // Warm-up: JIT and canvas allocation.
    for (let i = 0; i < 5; i++) await step(page, i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.evaluate(() => {
      window.__snrlab.latencies.length = 0;
      window.__snrlab.workLatencies.length = 0;
    });
    for (let i = 0; i < presses; i++) await step(page, i % 2 ? 'ArrowLeft' : 'ArrowRight');
    const { latencies, work } = await page.evaluate(() => ({
      latencies: [...window.__snrlab.latencies],
      work: [...window.__snrlab.workLatencies],
    }));
    results.push({
      hi,
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
  return results;
}

async function step(page, key) {
  const before = await page.evaluate(() => window.__snrlab.latencies.length);
  await page.keyboard.press(key);
  await page.waitForFunction((n) => window.__snrlab.latencies.length > n, before);
}
