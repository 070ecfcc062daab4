import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModel, ModelLoadError } from '../../../src/model/loadModel';
import { expectedWeights, parseModelConfig, parseModelLabels } from '../../../src/model/modelConfig';
import { folderSource } from '../../../tools/folderSource';

const COND = 'test/fixtures/tiny-cond-model';
const manifestOf = (folder: string) => JSON.parse(readFileSync(`${folder}/model.json`, 'utf8'));
const architecture = (folder: string) => manifestOf(folder).snrlab.architecture as Record<string, unknown>;

describe('a conditional model’s architecture and labels', () => {
  it('an old manifest (no num_classes, no num_vendors) is an unconditional model, as before', () => {
    const config = parseModelConfig(architecture('test/fixtures/tiny-model'));
    expect([config.numClasses, config.numVendors]).toEqual([0, 0]);
    expect(expectedWeights(config).some((w) => w.name.includes('_emb.'))).toBe(false);
    expect(parseModelLabels(undefined, config)).toBeNull();
  });

  it('expects the two label tables right after the λ embedding, not transposed ([rows + 1, emb_dim])', () => {
    const config = parseModelConfig(architecture(COND));
    const names = expectedWeights(config).map((w) => w.name);
    const at = names.indexOf('embed.linear2.bias');
    expect(names.slice(at + 1, at + 4)).toEqual(['class_emb.weight', 'vendor_emb.weight', 'stem.weight']);
    const shapes = Object.fromEntries(expectedWeights(config).map((w) => [w.name, w.shape]));
    expect(shapes['class_emb.weight']).toEqual([4, 32]);
    expect(shapes['vendor_emb.weight']).toEqual([3, 32]);
    // Where the exporter (state_dict order) puts them too.
    const exported = manifestOf(COND).weightsManifest[0].weights.map((w: { name: string }) => w.name);
    expect(exported.slice(at + 1, at + 4)).toEqual(['class_emb.weight', 'vendor_emb.weight', 'stem.weight']);
    expect([...exported].sort()).toEqual([...names].sort());
  });

  it('a table only for a label the model is conditioned on', () => {
    const config = parseModelConfig({ ...architecture(COND), num_vendors: 0 });
    expect(expectedWeights(config).map((w) => w.name)).not.toContain('vendor_emb.weight');
    expect(parseModelLabels({ category: ['smileys', 'people', 'animals'] }, config)).toEqual({
      category: ['smileys', 'people', 'animals'],
      vendor: [],
    });
  });

  const labelCases: [string, Record<string, unknown>, unknown, RegExp][] = [
    ['a negative count', { num_classes: -1 }, undefined, /num_classes must be an integer ≥ 0/],
    ['a count that is not whole', { num_vendors: 1.5 }, undefined, /num_vendors must be an integer ≥ 0/],
    ['no labels for a conditional model', {}, undefined, /needs snrlab\.labels/],
    [
      'too few category names',
      {},
      { category: ['smileys', 'people'], vendor: ['google', 'twitter'] },
      /labels\.category has 2 names, but architecture\.num_classes is 3/,
    ],
    [
      'too many vendor names',
      {},
      { category: ['smileys', 'people', 'animals'], vendor: ['google', 'twitter', 'apple'] },
      /labels\.vendor has 3 names, but architecture\.num_vendors is 2/,
    ],
    [
      'a name that is not lowercase letters and dashes',
      {},
      { category: ['Smileys', 'people', 'animals'], vendor: ['google', 'twitter'] },
      /labels\.category must be a list of names of lowercase letters and dashes/,
    ],
    [
      'a name given twice',
      {},
      { category: ['people', 'people', 'animals'], vendor: ['google', 'twitter'] },
      /names a label twice/,
    ],
    [
      'labels on an unconditional model',
      { num_classes: 0, num_vendors: 0 },
      { category: [], vendor: [] },
      /not conditional/,
    ],
  ];
  for (const [what, change, labels, message] of labelCases) {
    it(`refuses ${what} with a clear message`, () => {
      expect(() => parseModelLabels(labels, parseModelConfig({ ...architecture(COND), ...change }))).toThrow(message);
    });
  }
});

describe('loading a damaged conditional model says what is wrong', () => {
  const patched = (change: (manifest: ReturnType<typeof manifestOf>) => void) =>
    folderSource(COND, {
      'model.json': (bytes) => {
        const manifest = JSON.parse(new TextDecoder().decode(bytes));
        change(manifest);
        return new TextEncoder().encode(JSON.stringify(manifest));
      },
    });
  const weight = (manifest: ReturnType<typeof manifestOf>, name: string) =>
    manifest.weightsManifest[0].weights.find((w: { name: string }) => w.name === name);

  it('a class table of the wrong shape (transposed)', async () => {
    const error = await loadModel(patched((m) => (weight(m, 'class_emb.weight').shape = [32, 4]))).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error.message).toMatch(/Weight “class_emb\.weight” has shape \[32,4\], expected \[4,32\]/);
  });

  it('a vendor table for more vendors than the architecture says', async () => {
    const error = await loadModel(patched((m) => (m.snrlab.architecture.num_vendors = 3))).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error.message).toMatch(/labels\.vendor has 2 names, but architecture\.num_vendors is 3/);
  });

  it('a label list of the wrong length', async () => {
    const error = await loadModel(patched((m) => m.snrlab.labels.category.pop())).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error.message).toMatch(/labels\.category has 2 names, but architecture\.num_classes is 3/);
  });

  it('the tables missing from an old export of a conditional config', async () => {
    const error = await loadModel(
      patched((m) => {
        m.weightsManifest[0].weights = m.weightsManifest[0].weights.filter(
          (w: { name: string }) => !w.name.endsWith('_emb.weight'),
        );
      }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(ModelLoadError);
    expect(error.message).toMatch(/missing the weight “class_emb\.weight”/);
  });
});
