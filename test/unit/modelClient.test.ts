// The model client runs one init per backend and URL at a time: the page's preload and a click
// during it share one load (src/worker/client.ts). A fake Worker stands in for the model worker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ModelClient } from '../../src/worker/client';
import type { WorkerRequest, WorkerResponse } from '../../src/worker/protocol';

class FakeWorker {
  static last: FakeWorker | null = null;
  posted: WorkerRequest[] = [];
  onmessage: ((event: { data: WorkerResponse }) => void) | null = null;
  onerror: unknown = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: WorkerRequest): void {
    this.posted.push(message);
  }
  terminate(): void {}
  reply(data: WorkerResponse): void {
    this.onmessage?.({ data });
  }
  inits(): Extract<WorkerRequest, { type: 'init' }>[] {
    return this.posted.filter((m): m is Extract<WorkerRequest, { type: 'init' }> => m.type === 'init');
  }
}

beforeEach(() => vi.stubGlobal('Worker', FakeWorker));
afterEach(() => vi.unstubAllGlobals());

const ready = (id: number, url: string): WorkerResponse =>
  ({
    type: 'ready',
    id,
    backend: 'wasm',
    adapter: null,
    fallbacks: [],
    timings: { backendMs: 1, weightsMs: 2, warmUpMs: 3 },
    paramCount: 1,
    model: { url },
  }) as unknown as WorkerResponse;

describe('ModelClient.init', () => {
  it('joins an init that is running for the same backend and URL, with progress for both', async () => {
    const client = new ModelClient();
    const first: number[] = [];
    const second: number[] = [];
    const a = client.init('wasm', 'http://x/m/', (_, fraction) => first.push(fraction));
    const b = client.init('wasm', 'http://x/m/', (_, fraction) => second.push(fraction));
    const worker = FakeWorker.last!;
    expect(worker.inits()).toHaveLength(1);
    const { id } = worker.inits()[0];
    worker.reply({ type: 'init-progress', id, phase: 'weights', fraction: 0.5 });
    worker.reply(ready(id, 'http://x/m/'));
    expect(await a).toBe(await b);
    expect(first).toEqual([0.5]);
    expect(second).toEqual([0.5]);
  });

  it('starts a new init for another URL or backend, and after the last one settled', async () => {
    const client = new ModelClient();
    void client.init('wasm', 'http://x/m/', () => {});
    void client.init('wasm', 'http://x/other/', () => {});
    void client.init('cpu', 'http://x/m/', () => {});
    const worker = FakeWorker.last!;
    expect(worker.inits()).toHaveLength(3);
    worker.reply(ready(worker.inits()[0].id, 'http://x/m/'));
    await Promise.resolve();
    void client.init('wasm', 'http://x/m/', () => {});
    expect(worker.inits()).toHaveLength(4);
  });

  it('a failed init is not joined by the next one: that one tries again', async () => {
    const client = new ModelClient();
    const failed = client.init('wasm', 'http://x/m/', () => {});
    const worker = FakeWorker.last!;
    worker.reply({ type: 'error', id: worker.inits()[0].id, note: { code: 'failed', detail: 'HTTP 404' } });
    await expect(failed).rejects.toMatchObject({ note: { code: 'failed', detail: 'HTTP 404' } });
    void client.init('wasm', 'http://x/m/', () => {});
    expect(worker.inits()).toHaveLength(2);
  });
});

describe('ModelClient.denoise', () => {
  it('sends a conditional model’s labels and guidance with the one model call', async () => {
    const client = new ModelClient();
    const conditioning = { labels: { category: [2], vendor: [1] }, guidance: 3 };
    const result = client.denoise(new Float32Array(12), 1, Float64Array.of(0.5), 'http://x/m/', conditioning);
    const worker = FakeWorker.last!;
    const request = worker.posted.find((m) => m.type === 'denoise')!;
    expect(request).toMatchObject({ type: 'denoise', batch: 1, modelUrl: 'http://x/m/', conditioning });
    const x0 = new Float32Array(12);
    worker.reply({ type: 'denoised', id: request.id, x0, v: x0 });
    expect((await result).x0).toBe(x0);
  });
});
