// Issue 13, items 7 and 8: the lab's and the spectrum's charts are legible (labels whole and clear
// of the curves, distinct colours, a grouped legend, coincident curves named), and a lab checkbox
// shows its tick by the next frame.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { SCHEDULE_IDS } from '../../src/math/scheduleCatalog';
import { colorDistance } from '../../src/ui/charts/palette';
import { axisLabel } from '../../src/ui/lab/labModel';
import { DEFAULT_STATE, formatHash, LAB_CHARTS } from '../../src/ui/urlState';
import { openApp, scrollToChart } from './helpers';

const ALL_OVERLAYS = SCHEDULE_IDS.filter((id) => id !== DEFAULT_STATE.schedule);
/** Every curve the lab can draw: original, shifted (64 → 512), six overlays, two equivalence pairs. */
const CROWDED = formatHash({ ...DEFAULT_STATE, target: 512, overlay: [...ALL_OVERLAYS], equiv: 'on' });

interface LabelCheck {
  text: string;
  /** The label's box reaches outside the chart's SVG (it is cut). */
  clipped: boolean;
  /** Points of curve paths that fall inside the label's box. */
  curveHits: number;
}

/**
 * For each text label in a chart's SVG other than tick numbers: whether its box lies inside the
 * SVG, and how many points sampled every 2 px along the drawn curves fall inside that box.
 */
async function checkLabels(figure: Locator): Promise<LabelCheck[]> {
  return figure.evaluate((root) => {
    const svg = root.querySelector('svg.recharts-surface')!;
    const frame = svg.getBoundingClientRect();
    const points: { x: number; y: number }[] = [];
    for (const path of svg.querySelectorAll<SVGPathElement>('path.recharts-line-curve')) {
      const matrix = path.getScreenCTM()!;
      const length = path.getTotalLength();
      for (let at = 0; at <= length; at += 2) {
        const point = path.getPointAtLength(at);
        points.push(new DOMPoint(point.x, point.y).matrixTransform(matrix));
      }
    }
    const labels = [...svg.querySelectorAll<SVGTextElement>('text')].filter(
      (text) => !text.closest('.recharts-cartesian-axis-tick'),
    );
    return labels.map((text) => {
      const box = text.getBoundingClientRect();
      const inside = (p: { x: number; y: number }) =>
        p.x > box.left + 1 && p.x < box.right - 1 && p.y > box.top + 1 && p.y < box.bottom - 1;
      return {
        text: text.textContent ?? '',
        clipped:
          box.left < frame.left - 0.5 ||
          box.right > frame.right + 0.5 ||
          box.top < frame.top - 0.5 ||
          box.bottom > frame.bottom + 0.5,
        curveHits: points.filter(inside).length,
      };
    });
  });
}

async function showChart(page: Page, chart: string): Promise<Locator> {
  await page.getByTestId(`chart-${chart}`).click();
  const label = await page.getByTestId(`chart-${chart}`).innerText();
  const figure = page.getByTestId('curve-chart');
  // The charts follow a deferred state: wait until the figure shows the chosen quantity.
  await expect(figure).toHaveAttribute('aria-label', `${label} against t`);
  await expect(figure.locator('path.recharts-line-curve')).toHaveCount(12);
  return figure;
}

for (const width of [1280, 420]) {
  test(`at ${width} px every lab chart's axis labels are whole and clear of the curves`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openApp(page, CROWDED);
    for (const chart of LAB_CHARTS) {
      const figure = await showChart(page, chart);
      const labels = await checkLabels(figure);
      const texts = labels.map((label) => label.text);
      expect(texts, `${chart}: y label`).toContain(axisLabel(chart));
      expect(texts, `${chart}: x label`).toContain('t');
      expect(texts, `${chart}: t label`).toContain(`t = ${DEFAULT_STATE.t.toFixed(3)}`);
      for (const label of labels) {
        expect(label.clipped, `${chart}: "${label.text}" is cut by the SVG's edge`).toBe(false);
        expect(label.curveHits, `${chart}: "${label.text}" crosses a curve`).toBe(0);
      }
    }
  });
}

test('the spectrum has a y label, and no label on it crosses a curve; its marks are in the legend', async ({
  page,
}) => {
  await openApp(page, '#t=0.5&hi=512&lo=64');
  await scrollToChart(page, 'spectrum');
  const figure = page.getByTestId('spectrum-chart');
  await expect(figure.locator('path.recharts-line-curve')).toHaveCount(2);
  const labels = await checkLabels(figure);
  expect(labels.map((label) => label.text)).toContain('power (radial mean)');
  for (const label of labels) {
    expect(label.clipped, `"${label.text}" is cut by the SVG's edge`).toBe(false);
    expect(label.curveHits, `"${label.text}" crosses a curve`).toBe(0);
  }
  const legend = page.getByTestId('spectrum-legend');
  await expect(legend).toContainText('pooling to L keeps f < 0.0625');
  await expect(legend).toContainText('noise dominates f >');
});

test('the spectrum caption is two sentences, without the ".;" typo', async ({ page }) => {
  await openApp(page, '#t=0.5&hi=512&lo=64');
  const caption = page.getByTestId('spectrum-summary');
  // The chart mounts, and follows t, only on screen (offScreen.spec.ts): look at it as a user would.
  await scrollToChart(page, 'spectrum');
  await expect(caption).toContainText('Pooling to L keeps frequencies below 0.0625 cycles/pixel.');
  expect(await caption.textContent()).not.toMatch(/\.\s*;/);
  // At t = 0 there is no noise: the other branch of the first sentence.
  await openApp(page, '#t=0&hi=512&lo=64');
  await scrollToChart(page, 'spectrum');
  await expect(caption).toContainText('The image dominates the noise at every frequency. Pooling to L');
  expect(await caption.textContent()).not.toMatch(/\.\s*;/);
});

test('with all overlays on, the legend is grouped and the twelve curves have distinct colours', async ({ page }) => {
  await openApp(page, CROWDED);
  const figure = await showChart(page, 'logsnr');
  const legend = page.getByTestId('curve-legend');
  await expect(legend.locator('.legend-group-title')).toHaveText([
    'Original',
    'Shifted',
    'Overlays',
    'Equivalences',
    'Marks',
  ]);
  const strokes = await figure
    .locator('path.recharts-line-curve')
    .evaluateAll((paths) => paths.map((path) => path.getAttribute('stroke')!.toLowerCase()));
  const legendColors = await legend
    .locator('li[data-color]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-color')!));
  for (let i = 0; i < strokes.length; i++) {
    expect(legendColors, `curve colour ${strokes[i]} is in the legend`).toContain(strokes[i]);
    for (let j = i + 1; j < strokes.length; j++) {
      expect(colorDistance(strokes[i], strokes[j]), `${strokes[i]} vs ${strokes[j]}`).toBeGreaterThanOrEqual(20);
    }
  }
});

test('curves that coincide are named in a note; none when none do', async ({ page }) => {
  await openApp(page, formatHash({ ...DEFAULT_STATE, target: 512, equiv: 'on', sd3k: 2, scale: 0.5 }));
  await scrollToChart(page, 'curves');
  const note = page.getByTestId('coincidence-note');
  await expect(note).toContainText('RF, SD3 time shift k = 2 and RF, λ − 2·ln 2');
  await expect(note).toContainText('cosine, input × 0.5 and cosine, λ + 2·ln 0.5');
  await expect(note).not.toContainText('shifted by');
  // On the effective-λ chart the shifted schedule lands on the original: the point of that chart.
  await page.getByTestId('chart-effective').click();
  await expect(note).toContainText('shifted by');
  await page.getByTestId('equiv-toggle').uncheck();
  await page.getByTestId('chart-logsnr').click();
  await expect(page.getByTestId('curve-legend')).not.toContainText('Equivalences');
  await expect(note).toHaveCount(0);
});

test('a lab checkbox is ticked by the next frame after the click, while the charts follow', async ({ page }) => {
  // Five overlays on: redrawing the chart is slow, which is when a deferred checkbox lagged.
  await openApp(page, formatHash({ ...DEFAULT_STATE, target: 512, overlay: ALL_OVERLAYS.slice(1) }));
  await scrollToChart(page, 'curves');
  await expect(page.getByTestId('curve-chart').locator('path.recharts-line-curve')).toHaveCount(7);
  for (const testId of [`overlay-${ALL_OVERLAYS[0]}`, 'equiv-toggle']) {
    const atNextFrame = await page.evaluate(async (id) => {
      const box = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
      const before = box.checked;
      box.click();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return {
        before,
        checked: box.checked,
        shownChecked: box.matches(':checked'),
        // The equivalences' own fields are rendered from the same live state as the checkbox.
        equivFields: document.querySelector('[data-testid="equiv-k"]') !== null,
      };
    }, testId);
    expect(atNextFrame.before, testId).toBe(false);
    expect(atNextFrame.checked, testId).toBe(true);
    expect(atNextFrame.shownChecked, testId).toBe(true);
    if (testId === 'equiv-toggle') expect(atNextFrame.equivFields).toBe(true);
  }
  // The charts catch up: eight overlays' worth of curves, then four more with the equivalences.
  await expect(page.getByTestId('curve-chart').locator('path.recharts-line-curve')).toHaveCount(12);
  await expect(page.getByTestId('overlay-' + ALL_OVERLAYS[0])).toBeChecked();
});
