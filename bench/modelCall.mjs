// Model-call speed at 64 px in headless Chromium: tfjs on each backend (through the app's worker)
// and onnxruntime-web (wasm, main thread) on the same weights exported to ONNX. tfjs-wasm and
// onnxruntime-web calls alternate, so machine drift hits both alike.

/** Runs in the page. Returns { [backend]: { [batch]: ms[] } } plus 'ort'. */
async function measureInPage({ backends, batches, repeats, slowRepeats }) {
  const model = window.__snrlab.model;
  const modelUrl = new URL('./models/emoji64/', document.baseURI).href;
  const ort = await import('/ort/ort.wasm.min.mjs');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmPaths = '/ort/';
  const session = await ort.InferenceSession.create('/onnx/emoji64.onnx', { executionProviders: ['wasm'] });
  const input = (batch) => {
    const x = new Float32Array(batch * 64 * 64 * 3);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 12.9898) * 0.8; // fixed, image-like range
    return { x, logSnr: new Float64Array(batch).fill(0.5) };
  };
  const ortCall = async (batch, { x, logSnr }) => {
    const feeds = {
      x_t: new ort.Tensor('float32', x, [batch, 64, 64, 3]),
      logsnr: new ort.Tensor('float32', Float32Array.from(logSnr), [batch]),
    };
    const out = await session.run(feeds);
    return out.v_hat.data;
  };
  const results = { ort: {} };
  for (const backend of backends) {
    const ready = await model.init(backend, modelUrl, () => {});
    results[backend] = { adapter: ready.adapter };
    for (const batch of batches) {
      const data = input(batch);
      const n = backend === 'wasm' ? repeats : slowRepeats;
      for (let i = 0; i < 2; i++) {
        await model.denoise(data.x.slice(), batch, data.logSnr);
        if (backend === 'wasm') await ortCall(batch, data);
      }
      const tf = [];
      const onnx = [];
      for (let i = 0; i < n; i++) {
        let start = performance.now();
        await model.denoise(data.x.slice(), batch, data.logSnr);
        tf.push(performance.now() - start);
        if (backend === 'wasm') {
          start = performance.now();
          await ortCall(batch, data);
          onnx.push(performance.now() - start);
        }
      }
      results[backend][batch] = tf;
      if (backend === 'wasm') results.ort[batch] = onnx;
    }
  }
  return results;
}

/** A page of the app whose model client (window.__snrlab.model) is ready, in a context of its own. */
export async function modelPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__snrlab?.model !== undefined, null, { timeout: 120_000 });
  return { context, page };
}

export async function modelCallBench(browser, url, options) {
  const { context, page } = await modelPage(browser, url, { bypassCSP: true });
  const results = await page.evaluate(measureInPage, options);
  await context.close();
  // The page hands back the worker's AdapterInfo; the table prints a label.
  for (const calls of Object.values(results)) if (calls.adapter) calls.adapter = adapterLabel(calls.adapter);
  return results;
}

/** The worker's AdapterInfo (src/worker/protocol.ts) as a short label for the table: "wasm SIMD". */
function adapterLabel(adapter) {
  if (adapter.kind === 'wasm') return adapter.simd ? 'wasm SIMD' : 'wasm';
  if (adapter.kind === 'webgl') return `WebGL ${adapter.version}`;
  if (adapter.kind === 'webgpu') return `${adapter.description ?? 'WebGPU'}${adapter.software ? ', software adapter' : ''}`;
  return adapter.kind;
}
