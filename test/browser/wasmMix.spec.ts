// The explorer's WebAssembly SIMD mix (src/ui/explorer/wasmMix.ts) against its JavaScript mix: the
// same panels within rounding (≤ 1 in 0..255 per channel) at 512 and 2048 px, read through the
// panels' 2D canvases; the automatic choice where WebGL is not used (SwiftShader here); and the
// JavaScript fallback, with the same pixels, when WebAssembly SIMD is missing or fails.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { goToHash, maxPanelDifference, mixPath, openApp } from './helpers';

/** Opens `?mix=<forced>` (or auto) and `?mix=js` on the same hash; returns both pages. */
async function openPair(browser: Browser, forced: string, hash: string) {
  const page = await browser.newPage();
  const js = await browser.newPage();
  await openApp(page, `${forced ? `?mix=${forced}` : ''}${hash}`);
  await openApp(js, `?mix=js${hash}`);
  expect(await mixPath(js)).toBe('js');
  return { page, js };
}

const closeAll = (...pages: Page[]) => Promise.all(pages.map((page) => page.close()));

for (const hi of [512, 2048]) {
  test(`WebAssembly mix equals the JavaScript mix within 1/255 at ${hi} → 64 px`, async ({ browser }) => {
    test.setTimeout(300_000); // 2048 px: four 16 MB panel reads per page
    const { page, js } = await openPair(browser, 'wasm', `#t=0.3&hi=${hi}&lo=64&seed=7`);
    expect(await mixPath(page)).toBe('wasm');
    expect(await page.evaluate(() => window.__snrlab?.mix)).toBe('wasm');
    for (const t of [0.12, 0.81]) {
      for (const pooled of ['unit', 'raw']) {
        const hash = `#t=${t}&hi=${hi}&lo=64&seed=7&pooled=${pooled}`;
        await goToHash(page, hash);
        await goToHash(js, hash);
        expect(await mixPath(page), `${hash} stays on WebAssembly`).toBe('wasm');
        const differences = await maxPanelDifference(page, js);
        expect(
          Math.max(...differences),
          `${hash}: max |WASM − JS| per panel (hi, lo, pooled) ${differences.join(', ')}`,
        ).toBeLessThanOrEqual(1);
      }
    }
    await closeAll(page, js);
  });
}

test('the automatic choice on a software WebGL renderer (SwiftShader) is WebAssembly, at 512 and 2048 px', async ({
  page,
}) => {
  test.setTimeout(180_000);
  for (const hi of [512, 2048]) {
    // A fresh load each (not a hash change): the first paint is then this size's own scene.
    await openApp(page, `#t=0.4&hi=${hi}&lo=64&seed=3`);
    expect(await mixPath(page), `${hi} px`).toBe('wasm');
    expect(await page.evaluate(() => window.__snrlab?.mix)).toBe('wasm');
    await page.goto('about:blank');
  }
});

/** Init scripts that break WebAssembly in the page (the model worker keeps its own). */
const FAILURES = {
  'WebAssembly SIMD is missing (validate is false)': () => {
    Object.defineProperty(WebAssembly, 'validate', { value: () => false });
  },
  'its memory cannot be had': () => {
    WebAssembly.Memory = function () {
      throw new RangeError('WebAssembly.Memory(): could not allocate memory (test)');
    } as unknown as typeof WebAssembly.Memory;
  },
};

for (const [failure, breakWasm] of Object.entries(FAILURES)) {
  test(`?mix=wasm falls back to JavaScript, with the same pixels, when ${failure}`, async ({ browser }) => {
    const page = await browser.newPage();
    await page.addInitScript(breakWasm);
    const js = await browser.newPage();
    const hash = '#t=0.4&hi=512&lo=64&seed=3';
    await openApp(page, `?mix=wasm${hash}`);
    await openApp(js, `?mix=js${hash}`);
    expect(await mixPath(page)).toBe('js');
    expect(await maxPanelDifference(page, js)).toEqual([0, 0, 0]);
    await closeAll(page, js);
  });
}

test('a kernel that throws mid-session falls back to JavaScript for the rest of the scene, with the same pixels', async ({
  browser,
}) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    // The kernel's exports, wrapped so the test can make mix throw from a chosen moment on.
    const Instance = WebAssembly.Instance;
    const failing = window as unknown as { __failWasmMix?: boolean };
    WebAssembly.Instance = function (module: WebAssembly.Module, imports?: WebAssembly.Imports) {
      const { mix } = new Instance(module, imports).exports as { mix: (...args: number[]) => void };
      return {
        exports: {
          mix: (...args: number[]) => {
            if (failing.__failWasmMix) throw new Error('kernel failure (test)');
            mix(...args);
          },
        },
      };
    } as unknown as typeof WebAssembly.Instance;
  });
  const js = await browser.newPage();
  await openApp(page, '?mix=wasm#t=0.4&hi=512&lo=64&seed=3');
  await openApp(js, '?mix=js#t=0.4&hi=512&lo=64&seed=3');
  expect(await mixPath(page)).toBe('wasm');
  await page.evaluate(() => {
    (window as unknown as { __failWasmMix: boolean }).__failWasmMix = true;
  });
  for (const hash of ['#t=0.6&hi=512&lo=64&seed=3&pooled=raw', '#t=0.7&hi=512&lo=64&seed=3&pooled=raw']) {
    await goToHash(page, hash);
    await goToHash(js, hash);
    expect(await mixPath(page), `${hash}: JavaScript after the failure`).toBe('js');
    expect(await maxPanelDifference(page, js)).toEqual([0, 0, 0]);
  }
  await closeAll(page, js);
});
