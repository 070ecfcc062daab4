// Temporary: the default first batch of emoji64 (seeds 1-4) for the by-eye count. Deleted after use.
import { startSession } from './session.mjs';
const session = await startSession();
try {
  for (const seed of [1, 2, 3, 4]) {
    const page = await session.open([1280, 900], `#steps=25&batch=4&seed=${seed}&backend=wasm`);
    await page.getByTestId('sample-button').click();
    await page.getByTestId('sample-status').filter({ hasText: /^done$/ }).waitFor({ timeout: 300_000 });
    await page.getByTestId('sample-output').screenshot({ path: `/tmp/r6/firstbatch-seed${seed}.png` });
    const classes = await page.getByTestId('sample-classes').locator('li').allTextContents();
    console.log(seed, JSON.stringify(classes));
    await page.close();
  }
} finally {
  await session.close();
}
