import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaFromLogSnr, asLogSnr, sigmaFromLogSnr } from '../../../src/math/logSnr';
import { guidedV, predictX0, x0Denoiser } from '../../../src/model/denoiser';
import { loadModel, type LoadedModel } from '../../../src/model/loadModel';
import { predictV, type ClassLabels } from '../../../src/model/unet';
import { folderSource } from '../../../tools/folderSource';
import { decodeTensor, maxAbsDiff, type EncodedTensor } from './fixtures';

const COND = 'test/fixtures/tiny-cond-model';
const TINY = 'test/fixtures/tiny-model';

interface ConditionalFixture {
  logsnr: number[];
  labels: { category: number[]; vendor: number[] };
  guidance: number;
  x_t: EncodedTensor;
  v_hat: EncodedTensor;
  v_hat_uncond: EncodedTensor;
  v_hat_guided: EncodedTensor;
}

let model: LoadedModel;
let fixture: ConditionalFixture;
let xT: tf.Tensor4D;
let labels: ClassLabels;
const zeros = (): ClassLabels => ({ category: new Int32Array(4), vendor: new Int32Array(4) });

beforeAll(async () => {
  await tf.setBackend('cpu');
  model = await loadModel(folderSource(COND));
  fixture = JSON.parse(readFileSync(`${COND}/fixture.json`, 'utf8'));
  xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
  labels = { category: Int32Array.from(fixture.labels.category), vendor: Int32Array.from(fixture.labels.vendor) };
});

/** The model's U-Net calls made by `run`, as the batch of each (one FusedConv2D stem per call). */
async function callBatches(run: () => tf.Tensor): Promise<number[]> {
  const profile = await tf.profile(() => run());
  const stems = profile.kernels.filter(
    (kernel) => kernel.name === 'FusedConv2D' && kernel.inputShapes[0]?.[3] === 12, // the stem reads 2·2·3 channels
  );
  return stems.map((kernel) => kernel.inputShapes[0]![0]);
}

describe('tiny conditional model: the TypeScript twin vs PyTorch on tfjs-cpu', () => {
  it('reads the label names of snrlab.labels', () => {
    expect(model.config.numClasses).toBe(3);
    expect(model.config.numVendors).toBe(2);
    expect(model.labels).toEqual({ category: ['smileys', 'people', 'animals'], vendor: ['google', 'twitter'] });
  });

  it('v̂ at the asked labels (one per sample) matches within 1e-3', () => {
    const diff = maxAbsDiff(
      predictV(model.params, model.config, xT, fixture.logsnr, labels),
      decodeTensor(fixture.v_hat),
    );
    console.log(`conditional: max |v̂_tfjs − v̂_torch| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-3);
  }, 120_000);

  it('v̂ at labels 0, or without labels, is the unconditional v̂ within 1e-3', () => {
    const expected = decodeTensor(fixture.v_hat_uncond);
    expect(maxAbsDiff(predictV(model.params, model.config, xT, fixture.logsnr, zeros()), expected)).toBeLessThan(1e-3);
    expect(maxAbsDiff(predictV(model.params, model.config, xT, fixture.logsnr), expected)).toBeLessThan(1e-3);
  }, 120_000);

  it(`guided v̂ (w = 3) matches within 1e-3`, () => {
    expect(fixture.guidance).toBe(3);
    const guided = guidedV(model, xT, fixture.logsnr, { labels, guidance: fixture.guidance });
    const diff = maxAbsDiff(guided, decodeTensor(fixture.v_hat_guided));
    console.log(`guided: max |v̂_tfjs − v̂_torch| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-3);
  }, 120_000);
});

describe('classifier-free guidance, closed forms', () => {
  const conditional = () => predictV(model.params, model.config, xT, fixture.logsnr, labels);
  const unconditional = () => predictV(model.params, model.config, xT, fixture.logsnr);

  it('w = 0 gives the unconditional v̂, w = 1 the conditional one', () => {
    expect(maxAbsDiff(guidedV(model, xT, fixture.logsnr, { labels, guidance: 0 }), unconditional())).toBeLessThan(1e-5);
    expect(maxAbsDiff(guidedV(model, xT, fixture.logsnr, { labels, guidance: 1 }), conditional())).toBe(0);
  }, 120_000);

  it('the one batched call of 2B equals two separate calls of B', async () => {
    const w = 2.5;
    const separate = tf.tidy(() => tf.add(unconditional(), tf.mul(tf.sub(conditional(), unconditional()), w)));
    expect(maxAbsDiff(guidedV(model, xT, fixture.logsnr, { labels, guidance: w }), separate)).toBeLessThan(1e-5);
    expect(await callBatches(() => guidedV(model, xT, fixture.logsnr, { labels, guidance: w }))).toEqual([8]);
  }, 120_000);

  it('makes one call of B at w = 1, and when nothing is asked (labels 0 or none, w ignored)', async () => {
    expect(await callBatches(() => guidedV(model, xT, fixture.logsnr, { labels, guidance: 1 }))).toEqual([4]);
    expect(await callBatches(() => guidedV(model, xT, fixture.logsnr, { labels: zeros(), guidance: 3 }))).toEqual([4]);
    expect(await callBatches(() => guidedV(model, xT, fixture.logsnr, { guidance: 3 }))).toEqual([4]);
    expect(maxAbsDiff(guidedV(model, xT, fixture.logsnr, { labels: zeros(), guidance: 3 }), unconditional())).toBe(0);
  }, 120_000);

  it('guides each sample by its own labels: a sample alone gives its row of the batch', () => {
    const w = 3;
    const batch = guidedV(model, xT, fixture.logsnr, { labels, guidance: w });
    const i = 1;
    const alone = guidedV(model, tf.slice(xT, [i, 0, 0, 0], [1, 64, 64, 3]), [fixture.logsnr[i]], {
      labels: { category: labels.category.slice(i, i + 1), vendor: labels.vendor.slice(i, i + 1) },
      guidance: w,
    });
    expect(maxAbsDiff(tf.slice(batch, [i, 0, 0, 0], [1, 64, 64, 3]), alone)).toBeLessThan(1e-5);
  }, 120_000);

  it('guides x̂_0 = α·x_t − σ·v̂ with the guided v̂', () => {
    const { x0, v } = predictX0(model, xT, fixture.logsnr, { labels, guidance: 3 });
    expect(maxAbsDiff(v, decodeTensor(fixture.v_hat_guided))).toBeLessThan(1e-3);
    const [xs, vs, x0s] = [xT.dataSync(), v.dataSync(), x0.dataSync()];
    const perImage = xs.length / 4;
    for (const j of [5, 2 * perImage + 11, 3 * perImage + 99]) {
      const logSnr = asLogSnr(fixture.logsnr[Math.floor(j / perImage)]);
      expect(x0s[j]).toBeCloseTo(alphaFromLogSnr(logSnr) * xs[j] - sigmaFromLogSnr(logSnr) * vs[j], 5);
    }
  }, 120_000);

  it('refuses a label outside the table', () => {
    const bad = { category: Int32Array.of(1, 4, 0, 0), vendor: new Int32Array(4) };
    expect(() => predictV(model.params, model.config, xT, fixture.logsnr, bad)).toThrow(/label 4 is not in 0…3/);
  });

  it('leaks no tensors: guided calls, and the samplers’ denoiser with labels', async () => {
    // predictX0's α, σ and products are the caller's to free (it is called inside a tidy).
    const x0Only = () => tf.tidy(() => predictX0(model, xT, fixture.logsnr, { labels, guidance: 3 }).x0).dispose();
    x0Only();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      x0Only();
      guidedV(model, xT, fixture.logsnr, { labels, guidance: 0.5 }).dispose();
    }
    const first = tf.slice(xT, [0, 0, 0, 0], [2, 64, 64, 3]) as tf.Tensor4D;
    const pair = { labels: { category: Int32Array.of(3, 0), vendor: Int32Array.of(1, 2) }, guidance: 3 };
    const expected = tf.tidy(() => predictX0(model, first, [2.5, 2.5], pair).x0.dataSync());
    const got = await x0Denoiser(() => model, 2, pair)(first.dataSync() as Float32Array, asLogSnr(2.5));
    first.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(got)).toEqual(Array.from(expected));
  }, 120_000);
});

describe('an unconditional model', () => {
  it('ignores labels and guidance', async () => {
    const plain = await loadModel(folderSource(TINY));
    expect(plain.labels).toBeNull();
    const tinyFixture = JSON.parse(readFileSync(`${TINY}/fixture.json`, 'utf8')) as {
      logsnr: number[];
      x_t: EncodedTensor;
    };
    const x = decodeTensor(tinyFixture.x_t) as tf.Tensor4D;
    const asked = { labels: { category: Int32Array.of(1, 2, 3, 4), vendor: Int32Array.of(1, 1, 1, 1) }, guidance: 3 };
    expect(await callBatches(() => guidedV(plain, x, tinyFixture.logsnr, asked))).toEqual([4]);
    expect(
      maxAbsDiff(
        guidedV(plain, x, tinyFixture.logsnr, asked),
        predictV(plain.params, plain.config, x, tinyFixture.logsnr),
      ),
    ).toBe(0);
  }, 120_000);
});
