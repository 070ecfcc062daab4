// Issue 27, item 4: the sample photograph is a real 2048 px photograph above H = 512, not an
// upscaled 512 px copy, and its large file is fetched only when such an H asks for it. (The 512 px
// file is preloaded by index.html for the default H, so it may be fetched at any H.)
import { expect, test, type Page } from '@playwright/test';
import { expectNoNotice, openApp } from './helpers';

const sampleRequests = (page: Page): string[] => {
  const seen: string[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('/samples/')) seen.push(path.slice(path.lastIndexOf('/') + 1));
  });
  return seen;
};

async function hiPanelShows(page: Page, size: number): Promise<void> {
  await expect
    .poll(() => page.getByTestId('panel-hi').evaluate((canvas) => (canvas as HTMLCanvasElement).width))
    .toBe(size);
}

test('at H = 512 the photograph comes from its 512 px file, and the 2048 px one is not fetched', async ({ page }) => {
  const requests = sampleRequests(page);
  await openApp(page, '#hi=512&lo=64');
  await hiPanelShows(page, 512);
  expect(requests).toContain('photo.jpg');
  expect(requests).not.toContain('photo-2048.jpg');
  await expectNoNotice(page, 'Upscaled');
});

test('above H = 512 the photograph is the 2048 px file, box-filtered to H, never upscaled', async ({ page }) => {
  const requests = sampleRequests(page);
  await openApp(page, '#hi=1024&lo=64');
  await hiPanelShows(page, 1024);
  expect(requests).toContain('photo-2048.jpg');
  await expectNoNotice(page, 'Upscaled');

  // Down to 512 and up to 2048: at 2048 the small file would say "Upscaled from 512 px".
  await page.getByTestId('hi-select').selectOption('512');
  await hiPanelShows(page, 512);
  await page.getByTestId('hi-select').selectOption('2048');
  await hiPanelShows(page, 2048);
  await expectNoNotice(page, 'Upscaled');
  await expect(page.getByTestId('error-message')).toBeEmpty();
});

test('the flat graphic, which has only a 512 px file, still says it is upscaled at H = 1024', async ({ page }) => {
  await openApp(page, '#hi=1024&lo=64&image=flat');
  await hiPanelShows(page, 1024);
  await expect(page.getByTestId('image-notices')).toContainText('Upscaled from 512 px');
});

test('the ladder, which goes up to 1024 px, takes the 2048 px file even at H = 512', async ({ page }) => {
  const requests = sampleRequests(page);
  await openApp(page, '#hi=512&lo=64&view=ladder');
  await expect(page.getByTestId('ladder-rung-1024')).toBeVisible();
  await expect.poll(() => requests).toContain('photo-2048.jpg');
});
