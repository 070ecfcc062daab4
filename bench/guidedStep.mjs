// Guided against unguided sampling steps of the shipped conditional emoji64, through the app's
// worker on wasm: one model call each (a DPM-Solver++(2M) step is one call plus ~1 % of solver
// arithmetic, section 2). Unguided = the plain conditional call of batch B; guided (w = 3) = one
// call of batch 2B (conditional rows, then unconditional). The two alternate call by call in one
// page, so drift on this shared machine hits both alike.
import { modelPage } from './modelCall.mjs';

/** Runs in the page. Returns { [batch]: { plain: ms[], guided: ms[] } }. */
async function measureInPage({ batches, repeats }) {
  const model = window.__snrlab.model;
  const modelUrl = new URL('./models/emoji64/', document.baseURI).href;
  await model.init('wasm', modelUrl, () => {});
  const results = {};
  for (const batch of batches) {
    const x = new Float32Array(batch * 64 * 64 * 3);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 12.9898) * 0.8; // fixed, image-like range
    const logSnr = new Float64Array(batch).fill(0.5);
    const labels = { category: Array.from({ length: batch }, (_, i) => 1 + (i % 9)), vendor: new Array(batch).fill(0) };
    const plain = { labels, guidance: 1 };
    const guided = { labels, guidance: 3 };
    const call = async (conditioning) => {
      const start = performance.now();
      await model.denoise(x.slice(), batch, logSnr, modelUrl, conditioning);
      return performance.now() - start;
    };
    for (let i = 0; i < 2; i++) {
      await call(plain);
      await call(guided);
    }
    results[batch] = { plain: [], guided: [] };
    for (let i = 0; i < repeats; i++) {
      results[batch].plain.push(await call(plain));
      results[batch].guided.push(await call(guided));
    }
  }
  return results;
}

export async function guidedStepBench(browser, url, options) {
  const { context, page } = await modelPage(browser, url);
  const results = await page.evaluate(measureInPage, options);
  await context.close();
  return results;
}
