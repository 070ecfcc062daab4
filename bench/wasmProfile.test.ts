// Per-kernel profile of the shipped model on tfjs-wasm in Node (tf.profile), median call times at
// batch 1 and 8, and what a sampling step adds to a bare model call: `npm run bench:profile`. How
// the numbers in docs/BENCHMARKS.md, section 2, were found.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { loadModel } from '../src/model/loadModel';
import { predictV } from '../src/model/unet';
import { asLogSnr } from '../src/math/logSnr';
import { sampleDpmSolver2m } from '../src/math/samplers';
import { folderSource } from '../tools/folderSource';

it('profile', async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await loadModel(folderSource('public/models/emoji64'));
  for (const batch of [1, 8]) {
    const x = tf.randomNormal([batch, 64, 64, 3]) as tf.Tensor4D;
    const l = new Array(batch).fill(0.5);
    for (let i = 0; i < 3; i++) predictV(model.params, model.config, x, l).dispose();
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      predictV(model.params, model.config, x, l).dispose();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log('batch', batch, 'median ms', times[7].toFixed(1));
  }
  const x = tf.randomNormal([1, 64, 64, 3]) as tf.Tensor4D;
  const info = await tf.profile(() => predictV(model.params, model.config, x, [0.5]));
  const byKernel: Record<string, number> = {};
  for (const k of info.kernels)
    if (!k.name.endsWith('__op')) byKernel[k.name] = (byKernel[k.name] ?? 0) + ((k.kernelTimeMs as number) || 0);
  console.log(
    JSON.stringify(
      Object.entries(byKernel)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => [k, +v.toFixed(2)]),
    ),
    'kernels',
    info.kernels.filter((k) => !k.name.endsWith('__op')).length,
  );
}, 120000);

// A sampling step is the model call plus the sampler's own work: the denoiser's upload, x̂_0 = α·x_t − σ·v̂
// and readback, the solver's arithmetic, the worker's preview copies and its yield to events. Each
// part is timed on its own (differences of two noisy model-call timings are noise on a shared machine).
it('sampler overhead per step', async () => {
  await tf.setBackend('wasm');
  await tf.ready();
  const model = await loadModel(folderSource('public/models/emoji64'));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  for (const batch of [1, 8]) {
    const x = new Float32Array(batch * 64 * 64 * 3).map((_, i) => Math.sin(i * 12.9898)); // [B, 64, 64, 3] flat
    const xT = tf.tensor4d(x, [batch, 64, 64, 3]);
    const times: Record<'call' | 'denoiser' | 'solver' | 'previews', number[]> = {
      call: [],
      denoiser: [],
      solver: [],
      previews: [],
    };
    const time = async (part: keyof typeof times, work: () => unknown) => {
      const start = performance.now();
      await work();
      times[part].push(performance.now() - start);
    };
    for (let i = 0; i < 15; i++) {
      await time('call', () => predictV(model.params, model.config, xT, new Array(batch).fill(0.5)).dispose());
      // denoiser.ts's work around predictV, with v̂ replaced by x_t.
      await time('denoiser', async () => {
        const x0 = tf.tidy(() => {
          const input = tf.tensor4d(x, [batch, 64, 64, 3]);
          const alpha = tf.tensor4d(new Float32Array(batch).fill(0.6), [batch, 1, 1, 1]);
          const sigma = tf.tensor4d(new Float32Array(batch).fill(0.8), [batch, 1, 1, 1]);
          return tf.sub(tf.mul(input, alpha), tf.mul(input, sigma));
        });
        await x0.data();
        x0.dispose();
      });
      // Two DPM-Solver++(2M) steps around a denoiser that costs nothing.
      await time('solver', () => sampleDpmSolver2m(async () => x, x, [-5, 0, 5].map(asLogSnr)));
      times.solver[i] /= 2;
      await time('previews', () => {
        const preview = { x: x.slice(), x0: x.slice() };
        return new Promise((resolve) => setImmediate(() => resolve(preview)));
      });
    }
    xT.dispose();
    const call = median(times.call);
    const parts = (['denoiser', 'solver', 'previews'] as const).map((part) => median(times[part]));
    console.log(
      `batch ${batch}: model call ${call.toFixed(1)} ms; per step, denoiser ${parts[0].toFixed(2)} ms, solver ${parts[1].toFixed(2)} ms, previews ${parts[2].toFixed(2)} ms: ${((100 * parts.reduce((a, b) => a + b)) / call).toFixed(1)} % of the call`,
    );
  }
}, 300000);
