import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeModel, loadModel, ModelLoadError, type LoadedModel } from '../../../src/model/loadModel';
import { predictV, spaceToDepth } from '../../../src/model/unet';
import { folderSource } from '../../../tools/folderSource';
import { parseModelIndex } from '../../../src/ui/sampler/modelIndex';
import { decodeTensor, fixtureLabels, maxAbsDiff, type EncodedTensor, type FixtureLabels } from './fixtures';

const TINY = 'test/fixtures/tiny-model';

interface Fixture {
  model_shards_sha256?: Record<string, string>;
  logsnr: number[];
  /** A conditional model's labels per batch element; v_hat was computed with them. */
  labels?: FixtureLabels;
  x_t: EncodedTensor;
  v_hat: EncodedTensor;
  intermediates: { space_to_depth_first: EncodedTensor };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The PyTorch-fixture check of one model folder against its fixture. */
function parityTests(name: string, folder: string, fixturePath: string) {
  describe(`${name}: TypeScript twin vs PyTorch on tfjs-cpu`, () => {
    let model: LoadedModel;
    let fixture: Fixture;
    beforeAll(async () => {
      model = await loadModel(folderSource(folder));
      fixture = JSON.parse(readFileSync(fixturePath, 'utf8'));
    });

    it('was made from these weights (its shard digests are the manifest’s)', () => {
      if (!fixture.model_shards_sha256) return; // the tiny model's fixture predates the field
      const shards = Object.fromEntries(
        Object.entries(model.manifest.snrlab.shards).map(([file, { sha256 }]) => [file, sha256]),
      );
      expect(fixture.model_shards_sha256, `${fixturePath} is stale: regenerate it from ${folder}`).toEqual(shards);
    });

    it('space-to-depth matches TensorFlow order', () => {
      const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
      const [, height, width, channels] = xT.shape;
      expect(height, 'the fixture is at the manifest’s image size').toBe(model.config.imageSize);
      const first = tf.slice(xT, [0, 0, 0, 0], [1, height, width, channels]) as tf.Tensor4D;
      const diff = maxAbsDiff(
        spaceToDepth(first, model.config.patchSize),
        decodeTensor(fixture.intermediates.space_to_depth_first),
      );
      expect(diff).toBe(0);
    });

    it('v̂ matches PyTorch within 1e-3 (max abs)', () => {
      const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
      const vHat = predictV(model.params, model.config, xT, fixture.logsnr, fixtureLabels(fixture.labels));
      const diff = maxAbsDiff(vHat, decodeTensor(fixture.v_hat));
      console.log(`${name}: max |v̂_tfjs − v̂_torch| = ${diff.toExponential(2)}`);
      expect(diff).toBeLessThan(1e-3);
    }, 120_000);

    it('leaks no tensors across repeated calls', () => {
      const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
      const logSnr = fixture.logsnr;
      const labels = fixtureLabels(fixture.labels);
      predictV(model.params, model.config, xT, logSnr, labels).dispose();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) predictV(model.params, model.config, xT, logSnr, labels).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 120_000);
  });
}

parityTests('tiny random model', TINY, `${TINY}/fixture.json`);
const HFPASS = 'test/fixtures/tiny-hfpass-model';
parityTests('tiny random model with the high-frequency pass', HFPASS, `${HFPASS}/fixture.json`);

// Every model the app offers (public/models/index.json) is checked against its PyTorch fixture,
// test/fixtures/<name>_fixture.json. A listed model without its files or its fixture is a failure,
// not a skip: the app would offer a model nobody has checked.
for (const { name, path } of parseModelIndex(readFileSync('public/models/index.json', 'utf8')).models) {
  const folder = `public/${path.replace(/^\.\//, '').replace(/\/$/, '')}`;
  const fixturePath = `test/fixtures/${name}_fixture.json`;
  const missing = [`${folder}/model.json`, fixturePath].filter((file) => !existsSync(file));
  if (missing.length === 0) parityTests(`listed model ${name}`, folder, fixturePath);
  else {
    it(`listed model ${name} has its files and its PyTorch fixture`, () => {
      expect.fail(
        `public/models/index.json lists ${name}, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: export the model (python3 -m train.export --config ${name}) and write its fixture, or take it out of the index.`,
      );
    });
  }
}

/** Just enough of model.json's shape to damage it on purpose. */
interface LooseManifest {
  weightsManifest: { weights: { name: string; shape: number[] }[] }[];
  snrlab: { shards?: unknown; architecture: { channels: unknown[] }; schedule?: Record<string, unknown> };
}

describe('model loading refuses damaged files with a clear message', () => {
  const manifestPatch = (change: (manifest: LooseManifest) => void) => ({
    'model.json': (bytes: Uint8Array) => {
      const manifest = JSON.parse(new TextDecoder().decode(bytes));
      change(manifest);
      return new TextEncoder().encode(JSON.stringify(manifest));
    },
  });
  const cases: [string, Parameters<typeof folderSource>[1], RegExp][] = [
    ['a truncated shard', { 'group1-shard1of1.bin': (b) => b.subarray(0, b.length - 100) }, /corrupt or truncated/],
    ['a flipped byte', { 'group1-shard1of1.bin': (b) => ((b[10] ^= 1), b) }, /failed its check/],
    [
      'an unknown layer',
      manifestPatch((m) => (m.weightsManifest[0].weights[0].name = 'encoder.mystery.weight')),
      /does not have: “encoder\.mystery\.weight”/,
    ],
    ['a wrong shape', manifestPatch((m) => (m.weightsManifest[0].weights[3].shape = [7, 7])), /has shape \[7,7\]/],
    ['a missing weight', manifestPatch((m) => m.weightsManifest[0].weights.pop()), /missing the weight/],
    ['a missing checksum', manifestPatch((m) => delete m.snrlab.shards), /checksums/],
    ['broken JSON', { 'model.json': () => new TextEncoder().encode('{"weightsManifest": [') }, /not valid JSON/],
    ['a bad architecture', manifestPatch((m) => (m.snrlab.architecture.channels = [32, 'x'])), /channels/],
    // The schedule is checked by the parser the models index uses (src/math/samplingGrid.ts).
    [
      'a schedule the app does not know',
      manifestPatch((m) => (m.snrlab.schedule = { ...m.snrlab.schedule, name: 'sigmoid' })),
      /snrlab\.schedule: the training schedule “sigmoid” is not one the app knows/,
    ],
    [
      'a schedule without its range',
      manifestPatch((m) => delete m.snrlab.schedule?.logsnr_max),
      /snrlab\.schedule: schedule\.logsnr_max must be a number/,
    ],
  ];
  for (const [what, patch, message] of cases) {
    it(what, async () => {
      const error = await loadModel(folderSource(TINY, patch)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelLoadError);
      expect((error as Error).message).toMatch(message);
    });
  }
  it("reads the manifest's schedule in TypeScript's names", async () => {
    const shifted = manifestPatch((m) => (m.snrlab.schedule = { ...m.snrlab.schedule, shift: -1.25 }));
    const model = await loadModel(folderSource(TINY, shifted));
    expect(model.schedule).toEqual({ name: 'cosine', logSnrMin: -15, logSnrMax: 15, shift: -1.25 });
    disposeModel(model);
  });

  it('a missing model.json', async () => {
    await expect(loadModel(folderSource('test/fixtures/no-such-model'))).rejects.toThrow(/missing/);
  });
});
