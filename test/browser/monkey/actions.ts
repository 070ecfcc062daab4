/**
 * The monkey's repertoire: valid user actions, each a small function of (page, chooser). An action
 * whose control is hidden in the current view (presentation mode hides the selects) is skipped by
 * `available`. Sampling actions wait for their job to end, so the tensor count is read while idle.
 */
import { readdirSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { SCHEDULE_IDS } from '../../../src/math/scheduleCatalog';
import type { Chooser } from './random';

export interface Action {
  name: string;
  weight: number;
  available?: (page: Page) => Promise<boolean>;
  /** Returns a short note for the replay log (the value chosen). */
  run: (page: Page, choose: Chooser) => Promise<string | void>;
  /** True for actions after which the worker holds no job: the tensor count is read then. */
  samples?: boolean;
}

const FIXTURES = 'test/fixtures/images';
/** Files of the bad-input battery that must be refused with a message. */
const REFUSED = new Set([
  'document-named.png',
  'notes-named.png',
  'one-pixel.png',
  'truncated.jpg',
  'truncated.png',
  'photo.heic',
  'hundred-megapixel.png',
]);
const BATTERY = readdirSync(FIXTURES).filter((file) => !file.endsWith('.py'));
/** Kept small so a sampling on cpu takes seconds, not minutes. */
export const SAFE_STEPS = [2, 3, 4] as const;
const BACKENDS = ['wasm', 'cpu'] as const;

const visible = (testId: string) => (page: Page) => page.getByTestId(testId).isVisible();
const notPresenting = async (page: Page) => !(await page.locator('.app.presenting').count());
const idle = async (page: Page) => (await notPresenting(page)) && page.getByTestId('sample-button').isEnabled();

async function selectRandom(page: Page, choose: Chooser, testId: string): Promise<string> {
  const select = page.getByTestId(testId);
  const values = await select
    .locator('option')
    .evaluateAll((options) =>
      options.filter((option) => !(option as HTMLOptionElement).disabled).map((o) => (o as HTMLOptionElement).value),
    );
  const value = choose.pick(values);
  await select.selectOption(value);
  return value;
}

/** A PNG of a smooth picture with some texture, drawn in the page at a random size. */
const LARGEST_LO = 256;

async function goodImage(page: Page, choose: Chooser): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  // At least the largest L (256) on both sides: a smaller image is refused, rightly (the battery
  // of bad files covers that), and would make this "good" upload fail.
  const width = choose.int(LARGEST_LO, 1400);
  const height = choose.int(LARGEST_LO, 1400);
  const hue = choose.int(0, 359);
  const base64 = await page.evaluate(
    async ({ width, height, hue }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d')!;
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, `hsl(${hue} 70% 40%)`);
      gradient.addColorStop(1, `hsl(${(hue + 120) % 360} 70% 70%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      context.fillStyle = 'white';
      context.beginPath();
      context.arc(width / 2, height / 2, Math.min(width, height) / 4, 0, 2 * Math.PI);
      context.fill();
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { width, height, hue },
  );
  return { name: `monkey-${width}x${height}.png`, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') };
}

/** Waits until no sampling or model load is running; fails on a sampler error. */
export async function waitIdle(page: Page): Promise<string> {
  await expect(page.getByTestId('sample-button')).toBeEnabled({ timeout: 240_000 });
  const status = (await page.getByTestId('sample-status').textContent()) ?? '';
  expect(status, 'sample-status after a job').not.toMatch(/error/);
  return status;
}

export const ACTIONS: Action[] = [
  {
    name: 'slider keys',
    weight: 6,
    run: async (page, choose) => {
      const key = choose.pick(['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End'] as const);
      const presses = choose.int(1, 5);
      await page.getByTestId('t-slider').focus();
      for (let i = 0; i < presses; i++) await page.keyboard.press(key);
      return `${key}×${presses}`;
    },
  },
  {
    name: 'slider drag',
    weight: 4,
    run: async (page, choose) => {
      const box = (await page.getByTestId('t-slider').boundingBox())!;
      const y = box.y + box.height / 2;
      const from = box.x + choose.next() * box.width;
      const to = box.x + choose.next() * box.width;
      await page.mouse.move(from, y);
      await page.mouse.down();
      await page.mouse.move(to, y, { steps: choose.int(2, 12) });
      await page.mouse.up();
      return `${Math.round(from - box.x)}→${Math.round(to - box.x)} px`;
    },
  },
  { name: 'schedule', weight: 2, available: notPresenting, run: (page, c) => selectRandom(page, c, 'schedule-select') },
  { name: 'H', weight: 2, available: notPresenting, run: (page, c) => selectRandom(page, c, 'hi-select') },
  { name: 'L', weight: 2, available: notPresenting, run: (page, c) => selectRandom(page, c, 'lo-select') },
  { name: 'pooled view', weight: 1, available: notPresenting, run: (page, c) => selectRandom(page, c, 'pooled-view') },
  {
    name: 'shift toggle',
    weight: 2,
    available: visible('shift-toggle'),
    run: async (page) => {
      await page.getByTestId('shift-toggle').click();
    },
  },
  {
    name: 'presentation key P',
    weight: 2,
    run: async (page, choose) => {
      await page.locator('body').click({ position: { x: 2, y: 2 } }); // P is ignored while typing
      const key = (await page.locator('.app.presenting').count()) && choose.next() < 0.5 ? 'Escape' : 'p';
      await page.keyboard.press(key);
      return key;
    },
  },
  {
    name: 'upload good image',
    weight: 2,
    available: visible('image-input'),
    run: async (page, choose) => {
      const file = await goodImage(page, choose);
      await page.getByTestId('image-input').setInputFiles(file);
      await expect(page.getByTestId('error-message')).toBeEmpty();
      return file.name;
    },
  },
  {
    name: 'upload battery file',
    weight: 2,
    available: visible('image-input'),
    run: async (page, choose) => {
      const file = choose.pick(BATTERY);
      await page.getByTestId('image-input').setInputFiles(`${FIXTURES}/${file}`);
      if (REFUSED.has(file)) await expect(page.getByTestId('error-message')).not.toBeEmpty();
      return file;
    },
  },
  {
    name: 'sample',
    weight: 2,
    available: idle,
    samples: true,
    run: async (page, choose) => {
      await page.getByTestId('sample-steps').fill(String(choose.pick(SAFE_STEPS)));
      await page.getByTestId('sample-steps').blur();
      await page.getByTestId('sample-button').click();
      return waitIdle(page);
    },
  },
  {
    name: 'sample and cancel',
    weight: 2,
    available: idle,
    samples: true,
    run: async (page, choose) => {
      await page.getByTestId('sample-button').click();
      await page.waitForTimeout(choose.int(0, 3000));
      // Checked and clicked in one step inside the page: a run that ends between a separate
      // isEnabled() and click() leaves Playwright waiting for a button that stays disabled.
      await page.getByTestId('cancel-button').evaluate((button: HTMLButtonElement) => {
        if (!button.disabled) button.click();
      });
      return waitIdle(page);
    },
  },
  {
    name: 'backend switch',
    weight: 1,
    available: idle,
    run: async (page, choose) => {
      const backend = choose.pick(BACKENDS);
      await page.getByTestId('backend-select').selectOption(backend);
      return backend;
    },
  },
  {
    name: 'denoise my image',
    weight: 1,
    available: idle,
    samples: true,
    run: async (page) => {
      await page.getByTestId('denoise-image').click();
      return waitIdle(page);
    },
  },
  {
    name: 'lab export',
    weight: 1,
    available: notPresenting,
    run: async (page, choose) => {
      const kind = choose.pick(['csv', 'json', 'code'] as const);
      if (kind === 'code') {
        const language = await selectRandom(page, choose, 'code-language');
        await page.getByTestId('export-code').click();
        await expect(page.getByTestId('code-snippet')).not.toBeEmpty();
        return `code ${language}`;
      }
      const download = page.waitForEvent('download');
      await page.getByTestId(`export-${kind}`).click();
      await (await download).path(); // the file is really written
      return kind;
    },
  },
  {
    name: 'URL edit',
    weight: 2,
    available: idle,
    run: async (page, choose) => {
      const fields = [
        `t=${choose.next().toFixed(3)}`,
        `schedule=${choose.pick([...SCHEDULE_IDS, 'nonsense'])}`,
        `hi=${choose.pick([128, 256, 512, 1024, 3])}`,
        `lo=${choose.pick([32, 64, 128, 'x'])}`,
        `shift=${choose.pick(['auto', 'off'])}`,
        `pooled=${choose.pick(['unit', 'raw'])}`,
        `seed=${choose.int(0, 99)}`,
        `backend=${choose.pick(BACKENDS)}`,
        `steps=${choose.pick(SAFE_STEPS)}`,
        'batch=1',
      ];
      if (choose.next() < 0.2) fields.push(choose.pick(['t=banana', 'present=maybe', 'zzz=1', '%E0%A4%A']));
      const hash = '#' + fields.join('&');
      await page.evaluate((hash) => (window.location.hash = hash), hash);
      return hash;
    },
  },
];
