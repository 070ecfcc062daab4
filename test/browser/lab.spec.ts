import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { asTime } from '../../src/math/logSnr';
import { buildSchedule } from '../../src/math/scheduleSpec';
import { stepTable } from '../../src/ui/lab/labModel';
import { labSpec } from '../../src/ui/specs';
import { DEFAULT_STATE, parseHash } from '../../src/ui/urlState';
import { openApp, valueOf } from './helpers';

const LINK =
  '#t=0.25&schedule=linear&shiftBy=nats&nats=-2.5&steps=10&spacing=uniform-logsnr&chart=effective&clip=clip-after-shift';

test('a crafted link reproduces the lab view: readouts equal the math core', async ({ page }) => {
  await openApp(page, LINK);
  const { state, notices } = parseHash(LINK);
  expect(notices).toEqual([]);
  const original = buildSchedule(labSpec(state, 0));
  const shifted = buildSchedule(labSpec(state));
  expect(await valueOf(page, 'lab-shift')).toBe(-2.5);
  expect(await valueOf(page, 'lab-logsnr-original')).toBeCloseTo(original.logSnr(asTime(0.25)), 12);
  expect(await valueOf(page, 'lab-logsnr-shifted')).toBeCloseTo(shifted.logSnr(asTime(0.25)), 12);
  await expect(page.getByTestId('chart-effective')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('schedule-select')).toHaveValue('linear');
  await expect(page.getByTestId('steps-input')).toHaveValue('10');
});

test('invalid link values fall back with a visible notice, and a 100 kB hash does not crash', async ({ page }) => {
  await openApp(page, '#t=7&schedule=nope&steps=5000');
  await expect(page.getByTestId('url-notices')).toContainText('not a valid t');
  await expect(page.getByTestId('url-notices')).toContainText('not a valid steps');
  expect(await valueOf(page, 't-value')).toBe(DEFAULT_STATE.t);
  await openApp(page, '#' + 'x=' + 'y'.repeat(100_000));
  await expect(page.getByTestId('url-notices')).toContainText('ignored them and used defaults');
  await openApp(page, '#%E0%A4%A&&&===%%');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('SNR Lab');
});

test('the JSON and CSV exports equal the math core to 1e-9', async ({ page }) => {
  await openApp(page, LINK);
  const { state } = parseHash(LINK);
  const expected = stepTable(buildSchedule(labSpec(state)), state.steps, state.spacing);

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
  const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
  expect(json.rows).toHaveLength(11);
  // The linear-β schedule has no interpolation resolutions: the file does not carry them.
  expect(json.schedule).toMatchObject({ family: 'linear', shift: -2.5, clipMode: 'clip-after-shift' });
  expect(json.schedule).not.toHaveProperty('interpolation');
  json.rows.forEach((row: Record<string, number>, i: number) => {
    for (const key of ['t', 'logSnr', 'alpha', 'sigma'] as const) {
      expect(Math.abs(row[key] - expected[i][key]), `${key} at step ${i}`).toBeLessThan(1e-9);
    }
  });

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  const lines = readFileSync((await csvDownload.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('step,t,logsnr,alpha,sigma');
  lines.slice(1).forEach((line, i) => {
    const [step, t, logSnr, alpha, sigma] = line.split(',').map(Number);
    expect(step).toBe(i);
    expect(Math.abs(t - expected[i].t)).toBeLessThan(1e-9);
    expect(Math.abs(logSnr - expected[i].logSnr)).toBeLessThan(1e-9);
    expect(Math.abs(alpha - expected[i].alpha)).toBeLessThan(1e-9);
    expect(Math.abs(sigma - expected[i].sigma)).toBeLessThan(1e-9);
  });
});

test('the code export shows a snippet for each language', async ({ page }) => {
  await openApp(page, LINK);
  await page.getByTestId('export-code').click();
  await expect(page.getByTestId('code-snippet')).toContainText('def logsnr(t):');
  await expect(page.getByTestId('code-snippet')).toContainText('import numpy as np');
  await page.getByTestId('code-language').selectOption('typescript');
  await expect(page.getByTestId('code-snippet')).toContainText('export function logSnr(t: number): number');
  await page.getByTestId('code-language').selectOption('pytorch');
  await expect(page.getByTestId('code-snippet')).toContainText('import torch');
});

test('presets and the nats field set the shift; the explorer t is marked on the lab', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('preset-1024').click();
  // The lab follows the state at low priority (useDeferredValue): wait for it to catch up.
  await expect.poll(() => valueOf(page, 'lab-shift')).toBeCloseTo(2 * Math.log(64 / 1024), 12);
  await page.getByTestId('shift-nats').fill('1.5');
  await expect(page.getByTestId('lab-shift')).toHaveAttribute('data-value', '1.5');
  await page.getByTestId('shift-nats').fill('99');
  await expect(page.locator('.field-error')).toContainText('from -30 to 30');
  await expect(page.getByTestId('lab-shift')).toHaveAttribute('data-value', '1.5');
  // Moving the explorer's t moves the lab's readout.
  const before = await valueOf(page, 'lab-logsnr-original');
  await page.getByTestId('t-slider').focus();
  await page.keyboard.press('ArrowRight');
  // The lab follows t while on screen (offScreen.spec.ts): look at it, as a user would.
  await page.getByTestId('lab-logsnr-original').scrollIntoViewIfNeeded();
  await expect.poll(() => valueOf(page, 'lab-logsnr-original')).not.toBe(before);
  await expect(page).toHaveURL(/shiftBy=nats&.*nats=1\.5/);
});
