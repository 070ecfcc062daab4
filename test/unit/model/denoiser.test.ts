import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { alphaFromLogSnr, asLogSnr, sigmaFromLogSnr } from '../../../src/math/logSnr';
import { predictX0, x0Denoiser } from '../../../src/model/denoiser';
import { loadModel, type LoadedModel } from '../../../src/model/loadModel';
import { folderSource } from '../../../tools/folderSource';
import { decodeTensor, type EncodedTensor } from './fixtures';

const TINY = 'test/fixtures/tiny-model';

describe('the v → x̂_0 denoiser wrapper (tiny random model, tfjs-cpu)', () => {
  let model: LoadedModel;
  let fixture: { logsnr: number[]; x_t: EncodedTensor; v_hat: EncodedTensor };
  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = await loadModel(folderSource(TINY));
    fixture = JSON.parse(readFileSync(`${TINY}/fixture.json`, 'utf8'));
  });

  it('is x̂_0 = α·x_t − σ·v̂ per batch element, with v̂ the network output', () => {
    const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
    const { x0, v } = predictX0(model, xT, fixture.logsnr);
    const [xs, vs, x0s] = [xT.dataSync(), v.dataSync(), x0.dataSync()];
    const perImage = xs.length / fixture.logsnr.length;
    for (const i of [0, perImage + 7, 3 * perImage + 100]) {
      const logSnr = asLogSnr(fixture.logsnr[Math.floor(i / perImage)]);
      expect(x0s[i]).toBeCloseTo(alphaFromLogSnr(logSnr) * xs[i] - sigmaFromLogSnr(logSnr) * vs[i], 5);
    }
    tf.dispose([xT, x0, v]);
  }, 120_000);

  it('gives the samplers the same x̂_0 at one λ for the whole batch, and leaks no tensors', async () => {
    const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
    const first = tf.slice(xT, [0, 0, 0, 0], [2, 64, 64, 3]) as tf.Tensor4D;
    const expected = tf.tidy(() => predictX0(model, first, [2.5, 2.5]).x0.dataSync());
    const before = tf.memory().numTensors;
    const got = await x0Denoiser(() => model, 2)(first.dataSync() as Float32Array, asLogSnr(2.5));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(got)).toEqual(Array.from(expected));
    tf.dispose([xT, first]);
  }, 120_000);
});
