/**
 * The denoiser wrapper of the v-prediction model (k-diffusion style: model-specific scaling lives
 * here, not in the samplers): x̂_0 = α·x_t − σ·v̂ (Salimans & Ho 2022, appendix D), with α and σ
 * computed stably from λ on the host (src/math/logSnr.ts). A conditional model's classifier-free
 * guidance lives here too (Ho & Salimans 2022), in v-space: x̂_0 is affine in v̂ at a fixed x_t and
 * λ, so guiding v̂ guides x̂_0 the same way.
 */
import * as tf from '@tensorflow/tfjs-core';
import { alphaFromLogSnr, asLogSnr, sigmaFromLogSnr } from '../math/logSnr';
import type { Denoiser } from '../math/samplers';
import type { LoadedModel } from './loadModel';
import { isConditional } from './modelConfig';
import { predictV, type ClassLabels } from './unet';

/** What a conditional model is asked: per-sample labels (length B each) and the guidance weight w. */
export interface Conditioning {
  labels?: ClassLabels;
  /** w: 0 unconditional, 1 plain conditional, > 1 guided. */
  guidance: number;
}

/**
 * v̂ for the batch, guided: v̂_u + w·(v̂_c − v̂_u), with v̂_c at the asked labels and v̂_u at (0, 0).
 * One model call either way: of batch B when nothing is asked (an unconditional model, or every
 * label 0: w does not matter then) or when w = 1; otherwise of batch 2B, conditional rows first,
 * which costs far less than two calls of B (the weights are read once).
 */
export function guidedV(
  model: LoadedModel,
  xT: tf.Tensor4D,
  logSnrs: ArrayLike<number>,
  conditioning?: Conditioning,
): tf.Tensor4D {
  const { params, config } = model;
  const labels = isConditional(config) ? conditioning?.labels : undefined;
  const asked = labels !== undefined && (labels.category.some(Boolean) || labels.vendor.some(Boolean));
  if (!asked) return predictV(params, config, xT, logSnrs);
  const w = conditioning?.guidance ?? 1;
  if (w === 1) return predictV(params, config, xT, logSnrs, labels);
  return tf.tidy(() => {
    const batch = xT.shape[0];
    const lambdas = new Float64Array(2 * batch);
    lambdas.set(Float64Array.from(logSnrs));
    lambdas.set(lambdas.subarray(0, batch), batch);
    const both = predictV(params, config, tf.concat([xT, xT]), lambdas, {
      category: thenUnknown(labels.category),
      vendor: thenUnknown(labels.vendor),
    });
    // Two slices rather than tf.split (its wasm kernel is slow, see unet.ts's attention).
    const rest = [batch, ...xT.shape.slice(1)];
    const conditional = tf.slice(both, [0, 0, 0, 0], rest);
    const unconditional = tf.slice(both, [batch, 0, 0, 0], rest);
    return tf.add(unconditional, tf.mul(tf.sub(conditional, unconditional), w)) as tf.Tensor4D;
  });
}

/** The 2B batch's rows of one label: the asked ones, then as many 0s (the unknown token). */
function thenUnknown(rows: Int32Array): Int32Array {
  const out = new Int32Array(2 * rows.length);
  out.set(rows);
  return out;
}

/**
 * x̂_0 and v̂ (guided, for a conditional model asked for labels) for a batch xT [B, H, W, C] NHWC at
 * one λ per batch element (logSnrs, length B). Returns new tensors: call inside tf.tidy or dispose them.
 */
export function predictX0(
  model: LoadedModel,
  xT: tf.Tensor4D,
  logSnrs: ArrayLike<number>,
  conditioning?: Conditioning,
): { x0: tf.Tensor4D; v: tf.Tensor4D } {
  const batch = xT.shape[0];
  const v = guidedV(model, xT, logSnrs, conditioning);
  // The model layer takes λ as plain numbers (the worker's messages carry a Float64Array): they
  // become LogSnr here, where they reach the maths.
  const lambdas = Array.from(logSnrs, asLogSnr);
  const alpha = tf.tensor4d(Float32Array.from(lambdas, alphaFromLogSnr), [batch, 1, 1, 1]);
  const sigma = tf.tensor4d(Float32Array.from(lambdas, sigmaFromLogSnr), [batch, 1, 1, 1]);
  return { x0: tf.sub(tf.mul(xT, alpha), tf.mul(v, sigma)), v };
}

/**
 * The samplers' Denoiser for a batch of `batch` images: x [B, H, W, C] flat in, x̂_0 flat out, read
 * back asynchronously (never dataSync in the sampling loop), guided as `conditioning` asks. `getModel` is asked on every call,
 * so a model reloaded after a lost device is picked up.
 */
export function x0Denoiser(getModel: () => LoadedModel, batch: number, conditioning?: Conditioning): Denoiser {
  return async (x, logSnr) => {
    const model = getModel();
    const size = model.config.imageSize;
    const x0 = tf.tidy(() => {
      const xT = tf.tensor4d(x, [batch, size, size, model.config.inChannels]);
      return predictX0(model, xT, new Float64Array(batch).fill(logSnr), conditioning).x0;
    });
    try {
      return (await x0.data()) as Float32Array;
    } finally {
      x0.dispose();
    }
  };
}
