import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedWeights, parseModelConfig } from '../../../src/model/modelConfig';
import { patchHighpass, patchMeanBand, spaceToDepth } from '../../../src/model/unet';

// The high-frequency pass (train/model.py HfPass): its manifest fields and its high-pass. Its
// parity with PyTorch is test/unit/model/unet.test.ts on test/fixtures/tiny-hfpass-model.
const HFPASS = 'test/fixtures/tiny-hfpass-model';
const architecture = (folder: string) =>
  JSON.parse(readFileSync(`${folder}/model.json`, 'utf8')).snrlab.architecture as Record<string, unknown>;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the high-frequency pass', () => {
  it('a manifest without hf_pass has no pass and no gate weights, as before', () => {
    const config = parseModelConfig(architecture('test/fixtures/tiny-model'));
    expect(config.hfPassMaxLogSnr).toBeNull();
    expect(expectedWeights(config).some((w) => w.name.startsWith('hf_pass.'))).toBe(false);
  });

  it('reads its cap and coarse scale from the manifest and expects both gates last, where the exporter puts them', () => {
    const config = parseModelConfig(architecture(HFPASS));
    expect(config.hfPassMaxLogSnr).toBe(8);
    expect(config.hfPassCoarsePatches).toBe(4);
    const names = expectedWeights(config).map((w) => w.name);
    expect(names.slice(-6)).toEqual([
      'out_conv.weight',
      'out_conv.bias',
      'hf_pass.gate.weight',
      'hf_pass.gate.bias',
      'hf_pass.coarse.weight',
      'hf_pass.coarse.bias',
    ]);
    const patchChannels = config.patchSize ** 2 * config.inChannels;
    const shape = (name: string) => expectedWeights(config).find((w) => w.name === name)!.shape;
    expect(shape('hf_pass.gate.weight')).toEqual([3, 3, config.channels[0], patchChannels]);
    expect(shape('hf_pass.coarse.weight')).toEqual([3, 3, config.channels[0], config.inChannels]);
  });

  it('a pass without the coarse gate (run 2 of the 128 px pair) expects no coarse weights', () => {
    const config = parseModelConfig({ ...architecture(HFPASS), hf_pass_coarse: false });
    expect(config.hfPassCoarsePatches).toBeNull();
    expect(
      expectedWeights(config)
        .map((w) => w.name)
        .slice(-2),
    ).toEqual(['hf_pass.gate.weight', 'hf_pass.gate.bias']);
  });

  it.each([
    ['hf_pass that is not a boolean', { hf_pass: 'yes' }, /hf_pass must be true or false/],
    ['hf_pass without its cap', { hf_pass_max_logsnr: undefined }, /needs snrlab\.architecture\.hf_pass_max_logsnr/],
    ['hf_pass_coarse that is not a boolean', { hf_pass_coarse: 1 }, /hf_pass_coarse must be true or false/],
    ['hf_pass_coarse without the pass', { hf_pass: false }, /hf_pass_coarse is a part of the high-frequency pass/],
    [
      'hf_pass_coarse without its scale',
      { hf_pass_coarse_patches: undefined },
      /needs snrlab\.architecture\.hf_pass_coarse_patches/,
    ],
    [
      'a coarse scale that does not divide the grid',
      { hf_pass_coarse_patches: 5 },
      /does not divide the 32-patch grid/,
    ],
  ])('refuses %s with a clear message', (_, change, message) => {
    expect(() => parseModelConfig({ ...architecture(HFPASS), ...change })).toThrow(message);
  });

  it('its high-pass is each pixel minus its p × p block mean, in space-to-depth layout', () => {
    const image = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
    const blockMeans = tf.image.resizeNearestNeighbor(tf.avgPool(image, 4, 4, 'valid'), [8, 8]);
    const want = spaceToDepth(tf.sub(image, blockMeans) as tf.Tensor4D, 4);
    const got = patchHighpass(spaceToDepth(image, 4), 3);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-6);
    expect(tf.max(tf.abs(want)).dataSync()[0]).toBeGreaterThan(0.5);
  });

  it('its coarse band is each p × p block mean minus the mean of its (k·p) × (k·p) block', () => {
    // 16 px image, p = 2, k = 4: 8 × 8 patches, 2 × 2 coarse blocks
    const image = tf.randomNormal([2, 16, 16, 3], 0, 1, 'float32', 8) as tf.Tensor4D;
    const want = tf.sub(
      tf.avgPool(image, 2, 2, 'valid'),
      tf.image.resizeNearestNeighbor(tf.avgPool(image, 8, 8, 'valid'), [8, 8]),
    );
    const got = patchMeanBand(spaceToDepth(image, 2), 3, 4);
    expect(got.shape).toEqual([2, 8, 8, 3]);
    expect(tf.max(tf.abs(tf.sub(got, want))).dataSync()[0]).toBeLessThan(1e-6);
    expect(tf.max(tf.abs(want)).dataSync()[0]).toBeGreaterThan(0.3);
  });
});
