// Per-kernel profile of the shipped model on tfjs-wasm in Node (tf.profile), and median call times at
// batch 1 and 8: `npm run bench:profile`. How the numbers in docs/BENCHMARKS.md, section 2, were found.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { it } from 'vitest';
import { loadModel } from '../src/model/loadModel';
import { predictV } from '../src/model/unet';
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
