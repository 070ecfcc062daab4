/**
 * Runs a seeded random session (issue 17's "monkey") and checks the app's health after every
 * action: no uncaught error and no console error, the slider still repaints the panels, the tfjs
 * tensor count flat across samplings (read while the worker is idle), the page's JS heap bounded.
 * A failure names the seed, the action and the last actions, so the run can be replayed.
 */
import { expect, type CDPSession, type Page } from '@playwright/test';
import { renders, waitForRender } from '../helpers';
import { ACTIONS } from './actions';
import { chooser } from './random';

export interface SessionFigures {
  seed: number;
  seconds: number;
  actions: number;
  /** Actions done, by name. */
  byName: Record<string, number>;
  samplings: number;
  errors: number;
  tensorsLow: number;
  tensorsHigh: number;
  heapBaselineMb: number;
  heapHighMb: number;
  slowestRepaintMs: number;
}

/** The page heap may grow this much above its level after the first actions (images are ~10 MB each). */
const HEAP_GROWTH_LIMIT_MB = 64;
const HEAP_EVERY = 10;

export async function runSession(page: Page, seed: number, seconds: number): Promise<SessionFigures> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  const cdp = await page.context().newCDPSession(page);
  const choose = chooser(seed);
  const log: string[] = [];
  const figures: SessionFigures = {
    seed,
    seconds,
    actions: 0,
    byName: {},
    samplings: 0,
    errors: 0,
    tensorsLow: Infinity,
    tensorsHigh: 0,
    heapBaselineMb: 0,
    heapHighMb: 0,
    slowestRepaintMs: 0,
  };
  const deadline = Date.now() + seconds * 1000;
  try {
    while (Date.now() < deadline) {
      const action = choose.weighted(ACTIONS);
      if (action.available && !(await action.available(page))) continue;
      const note = (await action.run(page, choose)) ?? '';
      figures.actions++;
      figures.byName[action.name] = (figures.byName[action.name] ?? 0) + 1;
      log.push(`#${figures.actions} ${action.name} ${note}`.trim());
      expect(problems, `errors after ${action.name}`).toEqual([]);
      figures.slowestRepaintMs = Math.max(figures.slowestRepaintMs, await repaints(page));
      if (action.samples) await checkTensors(page, figures);
      if (figures.actions % HEAP_EVERY === 0) await checkHeap(cdp, figures);
    }
    await checkHeap(cdp, figures);
    expect(problems, 'errors at the end').toEqual([]);
    if (figures.samplings === 0) figures.tensorsLow = figures.tensorsHigh = 0;
    return figures;
  } catch (error) {
    figures.errors = problems.length || 1;
    console.error(
      [
        `monkey failed: seed ${seed} after ${figures.actions} actions; replay with`,
        `  SNRLAB_MONKEY_SEED=${seed} SNRLAB_MONKEY_SECONDS=${seconds} node test/browser/run.mjs monkey.spec.ts`,
        'last actions:',
        ...log.slice(-15).map((line) => '  ' + line),
        ...problems.map((line) => '  ' + line),
      ].join('\n'),
    );
    throw error;
  }
}

/** Moves t by one slider step and waits for the panels to repaint; returns how long it took. */
async function repaints(page: Page): Promise<number> {
  const slider = page.getByTestId('t-slider');
  const t = Number(await slider.inputValue());
  const before = await renders(page);
  const started = Date.now();
  await slider.focus();
  await page.keyboard.press(t > 0.5 ? 'ArrowLeft' : 'ArrowRight');
  await waitForRender(page, before);
  return Date.now() - started;
}

/** The worker's tensor count once a sampling has ended: the same after every one. */
async function checkTensors(page: Page, figures: SessionFigures): Promise<void> {
  const numTensors = await page.evaluate(async () => (await window.__snrlab?.model?.test('memory'))?.numTensors ?? -1);
  if (numTensors < 0) return;
  figures.samplings++;
  figures.tensorsLow = Math.min(figures.tensorsLow, numTensors);
  figures.tensorsHigh = Math.max(figures.tensorsHigh, numTensors);
  expect(figures.tensorsHigh, 'tfjs tensors after a sampling (a rise is a leak)').toBe(figures.tensorsLow);
}

/** The page's JS heap after a forced GC (the model worker's tensors are counted by checkTensors). */
async function checkHeap(cdp: CDPSession, figures: SessionFigures): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usedMb = (await cdp.send('Runtime.getHeapUsage')).usedSize / 2 ** 20;
  if (!figures.heapBaselineMb) figures.heapBaselineMb = usedMb;
  figures.heapHighMb = Math.max(figures.heapHighMb, usedMb);
  expect(figures.heapHighMb - figures.heapBaselineMb, 'page heap growth, MB').toBeLessThan(HEAP_GROWTH_LIMIT_MB);
}
