// The wasm-only GroupNorm kernel (src/model/wasmKernels.ts) against the generic tf-op GroupNorm, both
// on tfjs-wasm in Node, and the whole model on wasm against the PyTorch fixtures with the kernel in use.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../../../src/model/loadModel';
import { groupNorm, predictV } from '../../../src/model/unet';
import { GROUP_NORM_SCALE_SHIFT, groupNormWasm, hasGroupNormKernel } from '../../../src/model/wasmKernels';
import { folderSource } from '../../../tools/folderSource';
import { decodeTensor, fixtureLabels, maxAbsDiff, type EncodedTensor, type FixtureLabels } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('wasm');
  await tf.ready();
});

describe('GroupNorm kernel on tfjs-wasm', () => {
  it('is used on wasm only', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(hasGroupNormKernel()).toBe(true);
    expect(tf.getKernel(GROUP_NORM_SCALE_SHIFT, 'cpu')).toBeUndefined();
  });

  // Shapes of the shipped U-Nets (32, 64, 96 channels; concatenated skips up to 192; batch 1..8),
  // activations centred far from 0 (the folded x·scale + shift form must not lose them) and near it.
  const cases: [string, [number, number, number, number], number, number, number][] = [
    ['batch 1, 32×32×32', [1, 32, 32, 32], 8, 0, 1],
    ['batch 3, 8×8×96', [3, 8, 8, 96], 8, 2, 0.5],
    ['batch 2, 16×16×160, mean 20, std 0.1', [2, 16, 16, 160], 8, 20, 0.1],
    ['batch 8, 8×8×192, 4 groups', [8, 8, 8, 192], 4, -3, 3],
    ['constant groups (zero variance)', [2, 4, 4, 16], 8, 1.5, 0],
  ];
  for (const [label, shape, groups, mean, std] of cases) {
    it(`equals the generic path: ${label}`, () => {
      const channels = shape[3];
      const x = tf.tidy(() => tf.add(tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 1), std), mean)) as tf.Tensor4D;
      const gamma = tf.randomUniform([channels], 0.5, 1.5, 'float32', 2);
      const beta = tf.randomNormal([channels], 0, 0.5, 'float32', 3);
      const expected = groupNorm(x, gamma, beta, groups, 1e-5);
      const before = tf.memory().numTensors;
      const actual = groupNormWasm(x, gamma, beta, groups, 1e-5);
      expect(tf.memory().numTensors, 'one output, no leaked intermediates').toBe(before + 1);
      expect(actual.shape).toEqual(shape);
      const exact = tf.tensor(groupNormFloat64(x, gamma, beta, groups, 1e-5), shape);
      const kernelError = maxAbsDiff(actual, exact);
      const genericError = maxAbsDiff(expected, exact);
      console.log(`${label}: max error vs float64: kernel ${kernelError.toExponential(2)}, generic ${genericError.toExponential(2)}`);
      // Outputs are O(1). The kernel's statistics are float64; its x·scale + shift loses about one
      // float32 ulp of |mean|·scale to cancellation (3e-5 for a constant 1.5, scale 316). The generic
      // path's float32 mean loses more where |mean| ≫ std (5e-4 for mean 20, std 0.1).
      expect(kernelError).toBeLessThan(1e-4);
      expect(maxAbsDiff(actual, expected)).toBeLessThan(1e-3);
      tf.dispose([x, gamma, beta, expected, actual, exact]);
    });
  }
});

/** GroupNorm in float64, two passes: the reference both float32 paths are measured against. */
function groupNormFloat64(x: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor, groups: number, epsilon: number) {
  const [batch, height, width, channels] = x.shape;
  const [xs, gammas, betas] = [x, gamma, beta].map((t) => t.dataSync());
  const out = new Float64Array(xs.length);
  const pixels = height * width;
  const perGroup = channels / groups;
  for (let b = 0; b < batch; b++)
    for (let g = 0; g < groups; g++) {
      const at = (p: number, c: number) => b * pixels * channels + p * channels + g * perGroup + c;
      let sum = 0;
      for (let p = 0; p < pixels; p++) for (let c = 0; c < perGroup; c++) sum += xs[at(p, c)];
      const mean = sum / (pixels * perGroup);
      let squares = 0;
      for (let p = 0; p < pixels; p++) for (let c = 0; c < perGroup; c++) squares += (xs[at(p, c)] - mean) ** 2;
      const inverseStd = 1 / Math.sqrt(squares / (pixels * perGroup) + epsilon);
      for (let p = 0; p < pixels; p++)
        for (let c = 0; c < perGroup; c++)
          out[at(p, c)] = (xs[at(p, c)] - mean) * inverseStd * gammas[g * perGroup + c] + betas[g * perGroup + c];
    }
  return Float32Array.from(out);
}

interface Fixture {
  logsnr: number[];
  labels?: FixtureLabels;
  x_t: EncodedTensor;
  v_hat: EncodedTensor;
}

for (const [name, folder, fixturePath] of [
  ['tiny random model', 'test/fixtures/tiny-model', 'test/fixtures/tiny-model/fixture.json'],
  ['emoji64', 'public/models/emoji64', 'test/fixtures/emoji64_fixture.json'],
]) {
  it(`${name} on tfjs-wasm, with the kernel, matches PyTorch within 1e-3 and leaks nothing`, async () => {
    const model = await loadModel(folderSource(folder));
    const fixture = JSON.parse(readFileSync(fixturePath, 'utf8')) as Fixture;
    const xT = decodeTensor(fixture.x_t) as tf.Tensor4D;
    const expected = decodeTensor(fixture.v_hat);
    const labels = fixtureLabels(fixture.labels);
    const profile = await tf.profile(() => predictV(model.params, model.config, xT, fixture.logsnr, labels));
    expect(profile.kernelNames).toContain(GROUP_NORM_SCALE_SHIFT);
    const before = tf.memory().numTensors;
    const vHat = predictV(model.params, model.config, xT, fixture.logsnr, labels);
    const diff = maxAbsDiff(vHat, expected);
    console.log(`${name} on wasm: max |v̂_tfjs − v̂_torch| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-3);
    vHat.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
}
