// Time to a first sample: from navigation (empty cache) to a finished 25-step DPM-Solver++ sample
// on wasm, split into page load, backend start, weights (download + sha256 + decode), warm-up and
// sampling, as the app's worker reports them.
export async function firstSampleBench(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = Date.now();
  await page.goto(`${url}#steps=25&sampler=dpmpp-2m&backend=wasm&batch=1&spacing=uniform-t`);
  await page.waitForFunction(() => window.__snrlab?.ready === true, null, { timeout: 120_000 });
  const pageMs = await page.evaluate(() => performance.now());
  await page.getByTestId('sample-button').click();
  await page.waitForFunction(() => window.__snrlab?.lastSample !== undefined, null, { timeout: 300_000 });
  const wallMs = Date.now() - start;
  const { ready, sample } = await page.evaluate(() => ({
    ready: window.__snrlab.lastReady,
    sample: window.__snrlab.lastSample,
  }));
  await context.close();
  return {
    pageMs,
    backendMs: ready.timings.backendMs,
    weightsMs: ready.timings.weightsMs,
    warmUpMs: ready.timings.warmUpMs,
    samplingMs: sample.totalMs,
    wallMs,
    backend: ready.backend,
  };
}
