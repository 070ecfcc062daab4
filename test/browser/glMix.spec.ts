// The explorer's WebGL mix (src/ui/explorer/glMix.ts) against its JavaScript mix: the same panels
// within rounding (≤ 1 in 0..255 per channel), read through the panels' 2D canvases; and the
// JavaScript fallback when WebGL2 is missing or its context is lost (a forced WebGL mix falls back
// to JavaScript, not WebAssembly, so that these compare one path with the other).
import { expect, test, type Page } from '@playwright/test';
import { goToHash, maxPanelDifference, mixPath, openApp, renders, waitForRender } from './helpers';

for (const { hi, lo } of [
  { hi: 512, lo: 64 },
  { hi: 256, lo: 256 },
]) {
  test(`WebGL mix equals the JavaScript mix within 1/255 at ${hi} → ${lo} px`, async ({ browser }) => {
    const gl = await browser.newPage();
    const js = await browser.newPage();
    const start = `#t=0.3&hi=${hi}&lo=${lo}&seed=7`;
    await openApp(gl, `?mix=webgl${start}`);
    await openApp(js, `?mix=js${start}`);
    expect(await mixPath(gl)).toBe('webgl');
    expect(await mixPath(js)).toBe('js');
    for (const t of [0.05, 0.5, 0.93]) {
      for (const pooled of ['unit', 'raw']) {
        const hash = `#t=${t}&hi=${hi}&lo=${lo}&seed=7&pooled=${pooled}`;
        await goToHash(gl, hash);
        await goToHash(js, hash);
        expect(await mixPath(gl), `${hash} stays on WebGL`).toBe('webgl');
        const differences = await maxPanelDifference(gl, js);
        expect(
          Math.max(...differences),
          `${hash}: max |WebGL − JS| per panel (hi, lo, pooled) ${differences.join(', ')}`,
        ).toBeLessThanOrEqual(1);
      }
    }
    await gl.close();
    await js.close();
  });
}

test('without WebGL2 the forced WebGL mix falls back to JavaScript, with the same pixels', async ({ browser }) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof original>) {
      return (args[0] as string) === 'webgl2' ? null : original.apply(this, args);
    } as typeof original;
  });
  const js = await browser.newPage();
  const hash = '#t=0.4&hi=512&lo=64&seed=3';
  await openApp(page, `?mix=webgl${hash}`);
  await openApp(js, `?mix=js${hash}`);
  expect(await mixPath(page)).toBe('js');
  expect(await page.evaluate(() => window.__snrlab?.mix)).toBe('js');
  expect(await maxPanelDifference(page, js)).toEqual([0, 0, 0]);
  await page.close();
  await js.close();
});

/** Wraps WebGL2 so a test can see the app's contexts and how many textures are alive. */
function spyOnWebGl(): void {
  const spy = { contexts: [] as WebGL2RenderingContext[], liveTextures: 0 };
  (window as unknown as { __glSpy: typeof spy }).__glSpy = spy;
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof getContext>) {
    const context = getContext.apply(this, args);
    if ((args[0] as string) === 'webgl2' && context) spy.contexts.push(context as unknown as WebGL2RenderingContext);
    return context;
  } as typeof getContext;
  const { createTexture, deleteTexture } = WebGL2RenderingContext.prototype;
  WebGL2RenderingContext.prototype.createTexture = function (this: WebGL2RenderingContext) {
    spy.liveTextures += 1;
    return createTexture.call(this);
  };
  WebGL2RenderingContext.prototype.deleteTexture = function (this: WebGL2RenderingContext, texture) {
    if (texture) spy.liveTextures -= 1;
    deleteTexture.call(this, texture);
  };
}

const liveTextures = (page: Page) =>
  page.evaluate(() => (window as unknown as { __glSpy: { liveTextures: number } }).__glSpy.liveTextures);

test('a lost WebGL context falls back to JavaScript, with the same pixels', async ({ browser }) => {
  const page = await browser.newPage();
  await page.addInitScript(spyOnWebGl);
  const js = await browser.newPage();
  await openApp(page, '?mix=webgl#t=0.4&hi=512&lo=64&seed=3');
  await openApp(js, '?mix=js#t=0.4&hi=512&lo=64&seed=3');
  expect(await mixPath(page)).toBe('webgl');
  await page.evaluate(() => {
    for (const context of (window as unknown as { __glSpy: { contexts: WebGL2RenderingContext[] } }).__glSpy.contexts) {
      context.getExtension('WEBGL_lose_context')?.loseContext();
    }
  });
  const hash = '#t=0.6&hi=512&lo=64&seed=3&pooled=raw';
  await goToHash(page, hash);
  await goToHash(js, hash);
  expect(await mixPath(page)).toBe('js');
  expect(await maxPanelDifference(page, js)).toEqual([0, 0, 0]);
  await page.close();
  await js.close();
});

test("new noise and a new H release the old scene's textures", async ({ page }) => {
  await page.addInitScript(spyOnWebGl);
  await openApp(page, '?mix=webgl#t=0.4&hi=512&lo=64&seed=3');
  expect(await mixPath(page)).toBe('webgl');
  // x_0 and ε at H, x_0 and ε at L, pool(ε_H): five textures per scene.
  expect(await liveTextures(page)).toBe(5);
  for (let i = 0; i < 3; i++) {
    const before = await renders(page);
    await page.getByTestId('new-noise').click();
    await waitForRender(page, before);
  }
  expect(await liveTextures(page)).toBe(5);
  await goToHash(page, '#t=0.4&hi=256&lo=32&seed=3');
  expect(await mixPath(page)).toBe('webgl');
  expect(await liveTextures(page)).toBe(5);
});

test('a failed texture upload falls back to JavaScript once, not on every slider step', async ({ page }) => {
  await page.addInitScript(spyOnWebGl);
  await page.addInitScript(() => {
    const spy = (window as unknown as { __glSpy: { uploads: number } }).__glSpy;
    spy.uploads = 0;
    WebGL2RenderingContext.prototype.texStorage2D = function (this: WebGL2RenderingContext) {
      spy.uploads += 1; // allocates nothing: the upload then reports an error
    };
    WebGL2RenderingContext.prototype.getError = function (this: WebGL2RenderingContext) {
      return this.INVALID_OPERATION;
    };
  });
  await openApp(page, '?mix=webgl#t=0.4&hi=512&lo=64&seed=3');
  expect(await mixPath(page)).toBe('js');
  const uploads = () => page.evaluate(() => (window as unknown as { __glSpy: { uploads: number } }).__glSpy.uploads);
  const first = await uploads();
  expect(first).toBeGreaterThan(0);
  const slider = page.getByTestId('t-slider');
  await slider.focus();
  for (let i = 0; i < 3; i++) {
    const before = await renders(page);
    await page.keyboard.press('ArrowRight');
    await waitForRender(page, before);
  }
  expect(await mixPath(page)).toBe('js');
  expect(await uploads()).toBe(first);
  expect(await liveTextures(page)).toBe(0);
});

test('automatic choice: WebGL from H = 1024 on a hardware renderer, WebAssembly below it and on SwiftShader', async ({
  browser,
}) => {
  const hardware = await browser.newPage();
  await hardware.addInitScript(spyOnWebGl);
  await hardware.addInitScript(() => {
    // Report the renderer as a hardware GPU (the app keeps software renderers on JavaScript).
    const getParameter = WebGL2RenderingContext.prototype.getParameter;
    WebGL2RenderingContext.prototype.getParameter = function (this: WebGL2RenderingContext, name: number) {
      const value: unknown = getParameter.call(this, name);
      return typeof value === 'string' ? value.replace(/swiftshader/gi, 'Test GPU') : value;
    };
  });
  await openApp(hardware, '#t=0.4&hi=1024&lo=64&seed=3');
  expect(await mixPath(hardware)).toBe('webgl');
  expect(await liveTextures(hardware)).toBe(5);
  await goToHash(hardware, '#t=0.4&hi=512&lo=64&seed=3');
  expect(await mixPath(hardware)).toBe('wasm');
  expect(await liveTextures(hardware)).toBe(0);
  await hardware.close();

  const software = await browser.newPage();
  await openApp(software, '#t=0.4&hi=1024&lo=64&seed=3');
  expect(await mixPath(software)).toBe('wasm');
  await software.close();
});
