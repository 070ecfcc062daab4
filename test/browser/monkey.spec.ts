// Issue 17: a seeded random session of valid user actions, with health checks after each one
// (monkey/session.ts). Short form here (a minute, fixed seed); `npm run soak` runs the long form.
import { writeFileSync, mkdirSync } from 'node:fs';
import { test } from '@playwright/test';
import { openApp } from './helpers';
import { shippedModelPresent } from './modelRoutes';
import { runSession } from './monkey/session';

const SEED = Number(process.env.SNRLAB_MONKEY_SEED ?? 17);
const SECONDS = Number(process.env.SNRLAB_MONKEY_SECONDS ?? 60);

test.skip(!shippedModelPresent(), 'public/models/emoji64 is not built yet');

test(`a random session (seed ${SEED}, ${SECONDS} s) keeps the app healthy`, async ({ page }) => {
  // The time budget plus the slowest action that may start just before it ends (a cpu sampling).
  test.setTimeout((SECONDS + 300) * 1000);
  await openApp(page, '#backend=wasm&steps=3&batch=1&seed=1');
  const figures = await runSession(page, SEED, SECONDS);
  console.log('monkey figures:', JSON.stringify(figures));
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/monkey.json', JSON.stringify(figures, null, 2));
});
