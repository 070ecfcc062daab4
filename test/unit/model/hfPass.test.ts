import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedWeights, parseModelConfig } from '../../../src/model/modelConfig';
import { patchHighpass, spaceToDepth } from '../../../src/model/unet';

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

  it('reads its cap from the manifest and expects the gate last, where the exporter puts it', () => {
    const config = parseModelConfig(architecture(HFPASS));
    expect(config.hfPassMaxLogSnr).toBe(8);
    const names = expectedWeights(config).map((w) => w.name);
    expect(names.slice(-4)).toEqual(['out_conv.weight', 'out_conv.bias', 'hf_pass.gate.weight', 'hf_pass.gate.bias']);
    const patchChannels = config.patchSize ** 2 * config.inChannels;
    const gate = expectedWeights(config).find((w) => w.name === 'hf_pass.gate.weight')!;
    expect(gate.shape).toEqual([3, 3, config.channels[0], patchChannels]);
  });

  it.each([
    ['hf_pass that is not a boolean', { hf_pass: 'yes' }, /hf_pass must be true or false/],
    ['hf_pass without its cap', { hf_pass_max_logsnr: undefined }, /needs snrlab\.architecture\.hf_pass_max_logsnr/],
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
});
