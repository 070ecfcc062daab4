import { existsSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export const SHIPPED_MODEL = 'public/models/emoji64';
export const MODEL_INDEX = 'public/models/index.json';
export const TINY_MODEL = 'test/fixtures/tiny-model';
/** A tiny class-conditional model (3 categories, 2 vendors) with its PyTorch fixture. */
export const TINY_COND_MODEL = 'test/fixtures/tiny-cond-model';
export const shippedModelPresent = () =>
  existsSync(`${SHIPPED_MODEL}/model.json`) && existsSync('test/fixtures/emoji64_fixture.json');

/**
 * Serves the model files from `folder` in place of the app's models/emoji64/, optionally damaged,
 * so the sampler and its failure modes are tested without depending on the shipped weights.
 */
export async function serveModel(
  page: Page,
  folder: string,
  damage: Record<string, (bytes: Buffer) => Buffer | null> = {},
) {
  await page.route('**/models/emoji64/*', async (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    const path = `${folder}/${file}`;
    let body: Buffer | null = existsSync(path) ? readFileSync(path) : null;
    if (body && damage[file]) body = damage[file](body);
    if (body === null) await route.fulfill({ status: 404, body: 'not found' });
    else
      await route.fulfill({
        status: 200,
        body,
        contentType: file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      });
  });
}

/** The models public/models/index.json lists: name, folder in the source tree, page-relative path. */
export function listedModels(): { name: string; folder: string; path: string; imageSize: number }[] {
  const index = JSON.parse(readFileSync(MODEL_INDEX, 'utf8')) as {
    models: { name: string; path: string; imageSize: number }[];
  };
  return index.models.map(({ name, path, imageSize }) => ({
    name,
    path,
    imageSize,
    folder: `public/${path.replace(/^\.\//, '')}`,
  }));
}

/** Serves `body` (or a 404 for null) in place of the app's models/index.json. */
export async function serveIndex(page: Page, body: string | null) {
  await page.route('**/models/index.json', (route) =>
    body === null
      ? route.fulfill({ status: 404, body: 'not found' })
      : route.fulfill({ status: 200, body, contentType: 'application/json' }),
  );
}

/**
 * The shipped index with emoji64 made class-conditional as `labels` say (classes, vendors and a
 * default guidance w), to serve beside a conditional model in emoji64's place.
 */
export function conditionalIndex(labels: { category: string[]; vendor: string[] }, guidance: number): string {
  const index = JSON.parse(readFileSync(MODEL_INDEX, 'utf8')) as { models: Record<string, unknown>[] };
  const emoji64 = index.models.find((model) => model.name === 'emoji64')!;
  Object.assign(emoji64, { classes: labels.category, vendors: labels.vendor, guidance: { default: guidance } });
  // The shipped model's randomClasses name its own classes, not the stand-in's: draw among all.
  delete emoji64.randomClasses;
  return JSON.stringify(index);
}
