// The first batch a new user sees (issue 25's target: >= 3 of 4 recognisable), for the model card:
// the sampler at the app's defaults (emoji64, class=random, the index's default guidance, 25
// DPM-Solver++(2M) steps uniform in λ) with batch 4 and seeds 1-4 on wasm, each result
// (figure.sample-result, with the class each sample was asked for) at 420 px wide, stacked into
// one picture by the same browser. Needs a built app in dist/.
// Usage: node docs/screenshots/first_batch.mjs [out.png]   (default docs/model/v3/first_batch_seeds1-4.png)
import { SIZES, startSession } from './session.mjs';

const out = process.argv[2] ?? 'docs/model/v3/first_batch_seeds1-4.png';
const session = await startSession();
try {
  const shots = [];
  for (const seed of [1, 2, 3, 4]) {
    const page = await session.open(SIZES.narrow, `#embed=sampler&seed=${seed}&batch=4&backend=wasm`, {
      ready: false,
    });
    await page.getByTestId('sample-button').click();
    await page.getByTestId('sample-status').and(page.locator('[data-value="done"]')).waitFor({ timeout: 300_000 });
    shots.push((await page.locator('figure.sample-result').screenshot()).toString('base64'));
    await page.close();
  }
  const page = await session.open([SIZES.narrow[0], 400], '', { ready: false });
  await page.setContent(
    `<body style="margin:0;background:#fff">${shots
      .map((b64) => `<img style="display:block" src="data:image/png;base64,${b64}">`)
      .join('')}</body>`,
  );
  await page.locator('body').screenshot({ path: out });
  await page.close();
} finally {
  await session.close();
}
