/**
 * Keeps every model the user has sampled with for offline use, in the Cache API from inside the
 * model worker (the service worker precaches only the app shell: a model is kept once it is used).
 * - Weights shards by content: the key is the shard's sha256 from model.json, so a model update
 *   (a new manifest, new digests) is never served an old shard under an unchanged file name, an
 *   unchanged shard is not downloaded again, and only bytes that match their digest are stored.
 * - model.json by URL, network first: online the newest manifest wins; when the server cannot be
 *   reached (or is silent for MANIFEST_TIMEOUT_MS, lecture-hall Wi-Fi) the last one seen is used,
 *   together with the shards it names; when the browser knows it is offline (navigator.onLine) the
 *   network is not tried at all. An HTTP error is not masked: a missing file stays an error.
 */
import { ModelUnreachableError, sha256Hex, type ByteSource, type ShardDigest } from '../model/loadModel';

export const MODEL_CACHE = 'snrlab-models-v1';
/** Runs a task later, at a quiet moment (IdleGate.defer). */
type Defer = (task: () => Promise<void>) => void;
const MANIFEST_TIMEOUT_MS = 5_000;

/**
 * `source` behind the model cache; `source` itself where the Cache API is missing (insecure origin).
 * Writes to the cache are deferred to a quiet moment (`defer`, src/worker/idleGate.ts): off the path
 * to the first sample, and flushed when a sample finishes.
 */
export function cachedSource(source: ByteSource, baseUrl: string, defer: Defer): ByteSource {
  if (typeof caches === 'undefined') return source;
  return async (path, expected) => {
    const cache = await caches.open(MODEL_CACHE);
    return expected
      ? shardByContent(cache, expected, () => source(path, expected), defer)
      : networkFirst(cache, new URL(path, baseUrl).href, () => source(path), defer);
  };
}

/** A cache key that is never fetched: a name for content, on this origin. */
const shardKey = (sha256: string) => new URL(`/__snrlab/weights/sha256-${sha256}`, self.location.origin).href;

async function matches(bytes: ArrayBuffer, expected: ShardDigest): Promise<boolean> {
  return bytes.byteLength === expected.bytes && (await sha256Hex(new Uint8Array(bytes))) === expected.sha256;
}

async function shardByContent(cache: Cache, expected: ShardDigest, download: () => Promise<ArrayBuffer>, defer: Defer) {
  const key = shardKey(expected.sha256);
  const hit = await cache.match(key);
  if (hit) {
    const bytes = await hit.arrayBuffer();
    if (await matches(bytes, expected)) return bytes;
    await cache.delete(key); // damaged on disk: drop it and download again
  }
  const bytes = await download();
  // Storing is best effort (a full quota must not stop sampling; loadModel reports bad bytes) and
  // off the path to the first sample: writing megabytes to disk need not hold the model back.
  store(cache, key, bytes, defer, (copy) => matches(copy, expected));
  return bytes;
}

async function networkFirst(cache: Cache, key: string, download: () => Promise<ArrayBuffer>, defer: Defer) {
  if (!navigator.onLine) {
    const cached = await cache.match(key);
    if (cached) return cached.arrayBuffer();
  }
  const network = download();
  network.catch(() => {}); // when the timeout wins, a later failure is of no interest
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), MANIFEST_TIMEOUT_MS)));
  let bytes: ArrayBuffer | null;
  try {
    bytes = await Promise.race([network, timeout]);
  } catch (error) {
    if (!(error instanceof ModelUnreachableError)) throw error;
    const cached = await cache.match(key);
    if (cached) return cached.arrayBuffer();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (bytes === null) {
    const cached = await cache.match(key);
    if (cached) return cached.arrayBuffer();
    bytes = await network; // nothing cached yet: keep waiting for the server
  }
  store(cache, key, bytes, defer, async () => true);
  return bytes;
}

/** Puts a copy of `bytes` under `key` at a quiet moment, if `worthKeeping` says so; failures are ignored. */
function store(
  cache: Cache,
  key: string,
  bytes: ArrayBuffer,
  defer: Defer,
  worthKeeping: (copy: ArrayBuffer) => Promise<boolean>,
): void {
  const copy = bytes.slice(0); // the caller goes on to use (and may transfer) the original
  defer(async () => {
    if (await worthKeeping(copy)) await cache.put(key, new Response(copy)).catch(() => {});
  });
}
