// Prose that quotes the 128 px pair's measurements is written by hand, in two languages: each
// model's one-line summary (how many images it has seen), lesson step 8 (the same, and the
// 16 px SWDs with steps uniform in t, and how many samples they rest on) and the README (images
// and runs). These tests hold that prose to the files the numbers come from, each model's manifest
// and the 2 x 2 table the models index quotes (its swd.source: train/models_index.py picks the
// 2,000-sample table while it measured the shipped weights), so retraining the pair cannot leave
// the lesson quoting the previous run.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { zh } from '../../src/ui/i18n/zh';

const PAIR = ['emoji128w-cosine', 'emoji128w-shifted'] as const;

/** What a model's manifest records of its training: images seen in all, and one row per run. */
function training(name: string): { images_seen_total: number; lineage: unknown[] } {
  const manifest = JSON.parse(readFileSync(`public/models/${name}/model.json`, 'utf8')) as {
    snrlab: { images_seen_total: number; lineage: unknown[] };
  };
  return manifest.snrlab;
}

type Cell = Record<'128' | '64' | '32' | '16', number>;
const index = JSON.parse(readFileSync('public/models/index.json', 'utf8')) as {
  models: { name: string; swd: { source: string } | null }[];
};
/** The table the index quotes for the pair (both models from one table). */
const sources = PAIR.map((name) => index.models.find((model) => model.name === name)?.swd?.source);
const evaluation = JSON.parse(readFileSync(sources[0]!, 'utf8')) as {
  n_samples: number;
  swd: Record<string, Cell>;
};

/** The 16 px SWD of `model` sampled on `sampledOn`'s schedule, 25 steps uniform in t, rounded as
 * the lesson quotes it. */
function band16(model: string, sampledOn: string): number {
  const cell = evaluation.swd[`${model}|sampled-${sampledOn}|25|uniform-t`];
  expect(cell, `${model} sampled on ${sampledOn}`).toBeDefined();
  return Math.round(cell['16']);
}

/** Every number the prose quotes with the pattern's first group. */
function quoted(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((match) => Number(match[1]));
}

const seen = PAIR.map((name) => training(name).images_seen_total);
const MILLIONS = /(\d+\.\d+) million/g;
const WAN = /(\d+) 万张/g;

describe('the 128 px pair in prose', () => {
  it('the two models have seen the same images (the pair grows run by run, equal)', () => {
    expect(seen[0]).toBeGreaterThan(0);
    expect(seen[1]).toBe(seen[0]);
  });

  it('the summaries and lesson step 8 state the images seen that the manifests record', () => {
    const englishTexts = [...PAIR.map((name) => en.models.summaries[name]), en.lesson.s8.text];
    const chineseTexts = [...PAIR.map((name) => zh.models.summaries[name]), zh.lesson.s8.text];
    for (const text of englishTexts) {
      expect(quoted(text, MILLIONS), text).toEqual([Number((seen[0] / 1e6).toFixed(2))]);
    }
    for (const text of chineseTexts) {
      expect(quoted(text, WAN), text).toEqual([Math.round(seen[0] / 1e4)]);
    }
  });

  it('the README states the images seen and the run that the manifests record', () => {
    const readme = readFileSync('README.md', 'utf8').replace(/\s+/g, ' ');
    // the runs of its lineage, not the last run's number: probes between them (runs 9 and 10) were
    // trained and not shipped, so run numbers and lineage rows part ways
    const match = /\(([\d,]+) images each, over the (\d+) training runs of its lineage\)/.exec(readme);
    expect(match, 'README: "(N images each, over the K training runs of its lineage)"').not.toBeNull();
    expect(Number(match![1].replaceAll(',', ''))).toBe(seen[0]);
    expect(Number(match![2])).toBe(training(PAIR[0]).lineage.length);
  });

  it('the pair is quoted from one table, and lesson step 8 says how many samples it holds', () => {
    expect(sources[0]).toMatch(/^docs\/model128\//);
    expect(sources[1]).toBe(sources[0]);
    const english = [...en.lesson.s8.text.matchAll(/Measured on ([\d,]+) samples/g)];
    expect(english.map((match) => Number(match[1].replaceAll(',', ''))), en.lesson.s8.text).toEqual([
      evaluation.n_samples,
    ]);
    expect(quoted(zh.lesson.s8.text, /(\d+) 个样本/g), zh.lesson.s8.text).toEqual([evaluation.n_samples]);
  });

  it('lesson step 8 quotes the 16 px SWDs of the table the index quotes', () => {
    const [cosine, shifted] = PAIR;
    // "sampling on the shifted schedule brings either model's 16 px structure closer": the
    // cosine-trained model from its own schedule to the shifted one, the shifted-trained model
    // from the cosine schedule to its own
    const expected = [
      band16(cosine, cosine),
      band16(cosine, shifted),
      band16(shifted, cosine),
      band16(shifted, shifted),
    ];
    for (const text of [en.lesson.s8.text, zh.lesson.s8.text]) {
      const match = /SWD (\d+) → (\d+)[,，] ?(\d+) → (\d+)/.exec(text);
      expect(match, text).not.toBeNull();
      expect(match!.slice(1).map(Number)).toEqual(expected);
    }
  });

  it('lesson step 8 quotes the 16 px SWDs of training with the shift, both on the shifted schedule', () => {
    // the sampler held on the shifted schedule, steps uniform in t: the cosine-trained model, then
    // the shifted-trained one (the seed's claim about training, where the 2,000-sample table shows it)
    const [cosine, shifted] = PAIR;
    const expected = [band16(cosine, shifted), band16(shifted, shifted)];
    for (const [text, pattern] of [
      [en.lesson.s8.text, /closer still \((\d+) → (\d+)\)/],
      [zh.lesson.s8.text, /还要更接近（(\d+) → (\d+)）/],
    ] as const) {
      const match = pattern.exec(text);
      expect(match, text).not.toBeNull();
      expect(match!.slice(1).map(Number)).toEqual(expected);
    }
  });
});
