/**
 * The denoiser wrapper of the v-prediction model (k-diffusion style: model-specific scaling lives
 * here, not in the samplers): x̂_0 = α·x_t − σ·v̂ (Salimans & Ho 2022, appendix D), with α and σ
 * computed stably from λ on the host (src/math/logSnr.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { alphaFromLogSnr, sigmaFromLogSnr } from '../math/logSnr';
import type { Denoiser } from '../math/samplers';
import type { LoadedModel } from './loadModel';
import { predictV } from './unet';

/**
 * x̂_0 and v̂ for a batch xT [B, H, W, C] NHWC at one λ per batch element (logSnrs, length B).
 * Returns new tensors: call inside tf.tidy or dispose them.
 */
export function predictX0(
  model: LoadedModel,
  xT: tf.Tensor4D,
  logSnrs: ArrayLike<number>,
): { x0: tf.Tensor4D; v: tf.Tensor4D } {
  const batch = xT.shape[0];
  const v = predictV(model.params, model.config, xT, logSnrs);
  const alpha = tf.tensor4d(Float32Array.from(logSnrs, alphaFromLogSnr), [batch, 1, 1, 1]);
  const sigma = tf.tensor4d(Float32Array.from(logSnrs, sigmaFromLogSnr), [batch, 1, 1, 1]);
  return { x0: tf.sub(tf.mul(xT, alpha), tf.mul(v, sigma)), v };
}

/**
 * The samplers' Denoiser for a batch of `batch` images: x [B, H, W, C] flat in, x̂_0 flat out, read
 * back asynchronously (never dataSync in the sampling loop). `getModel` is asked on every call,
 * so a model reloaded after a lost device is picked up.
 */
export function x0Denoiser(getModel: () => LoadedModel, batch: number): Denoiser {
  return async (x, logSnr) => {
    const model = getModel();
    const size = model.config.imageSize;
    const x0 = tf.tidy(() => {
      const xT = tf.tensor4d(x, [batch, size, size, model.config.inChannels]);
      return predictX0(model, xT, new Float64Array(batch).fill(logSnr)).x0;
    });
    try {
      return (await x0.data()) as Float32Array;
    } finally {
      x0.dispose();
    }
  };
}
