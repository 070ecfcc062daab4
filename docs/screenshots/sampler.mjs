// Screenshots of the sampler panel for docs/screenshots/ (issue 13): before a run, during one,
// done (at 1280×900, 420 px wide and 1280×720), after "denoise my image", and the software-adapter
// warning. Needs a built app in dist/ (`npx vite build`). Usage: node docs/screenshots/sampler.mjs
import { OUT, SIZES, startSession } from './session.mjs';

const session = await startSession();
const open = (viewport, hash) => session.open([viewport.width, viewport.height], hash);
const shoot = (page, name) => page.locator('section.sampler').screenshot({ path: `${OUT}/${name}.png` });
const waitDone = (page) =>
  page
    .getByTestId('sample-status')
    .filter({ hasText: /^done$/ })
    .waitFor({ timeout: 300_000 });

try {
  const hash = '#steps=25&batch=4&seed=5&backend=wasm&sampler=dpmpp-2m&t=0.45';
  const empty = await open({ width: 1280, height: 900 }, hash);
  await shoot(empty, 'sampler-empty');
  await empty.getByTestId('sample-button').click();
  await empty.waitForFunction(
    () => Number(document.querySelector('[data-testid="sample-elapsed"]')?.dataset.value) > 1500,
    null,
    { timeout: 120_000 },
  );
  await shoot(empty, 'sampler-running');
  await waitDone(empty);
  await shoot(empty, 'sampler-done');
  await empty.getByTestId('denoise-image').click();
  await empty.getByTestId('denoise-status').filter({ hasText: 'done' }).waitFor({ timeout: 300_000 });
  await shoot(empty, 'sampler-denoise');
  await empty.close();

  for (const [name, viewport] of [
    ['sampler-done-420', { width: SIZES.narrow[0], height: SIZES.narrow[1] }],
    ['sampler-done-1280x720', { width: SIZES.projector[0], height: SIZES.projector[1] }],
  ]) {
    const page = await open(viewport, hash);
    await page.getByTestId('sample-button').click();
    await waitDone(page);
    // The readout line at the top of the screen: the filmstrip and the result below it.
    await page.locator('section.sampler .readout-line').evaluate((line) => line.scrollIntoView());
    await page.screenshot({ path: `${OUT}/${name}.png` });
    await page.close();
  }

  const gpu = await open({ width: 1280, height: 900 }, '#backend=webgpu');
  await gpu.getByTestId('software-adapter-warning').waitFor({ timeout: 60_000 });
  await shoot(gpu, 'sampler-software-warning');
  await gpu.close();
} finally {
  await session.close();
}
