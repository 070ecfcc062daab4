/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { LARGE_SAMPLE_FILES, LARGE_SAMPLES_CACHE } from './src/ui/explorerContent';

/**
 * Content-Security-Policy for the built app only (the dev server injects inline scripts for hot
 * reload). Everything comes from the app's own origin; WebAssembly needs 'wasm-unsafe-eval';
 * recharts sets inline style attributes; canvases export through blob: URLs. No other origin
 * can be reached, which is what keeps uploaded images in the browser.
 *
 * Embedding (issue 15, `embed=…`): no frame-ancestors here, on purpose. Browsers ignore
 * frame-ancestors in a <meta> policy (it must come in an HTTP header), and the app sends no
 * X-Frame-Options, so any page on any origin may frame the static build: that is what a teacher's
 * slides or a blog post need. A host that wants to limit who frames it sends the header itself,
 * e.g. `Content-Security-Policy: frame-ancestors 'self' https://blog.example` (README, "Embed").
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'snrlab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Offline and installable (issue 17) through vite-plugin-pwa, which generates a Workbox service
 * worker (sw.js, same-origin, Workbox bundled in: nothing is fetched from a CDN) and the web app
 * manifest. The service worker precaches the app shell: HTML, JS (the model and spectrum workers
 * included), CSS, the wasm binaries, icons and sample images, under content-hashed revisions.
 * Models are not precached: the model worker keeps each one the user samples with, shards keyed by
 * their sha256 (src/worker/modelCache.ts). The models index (models/index.json, a few hundred bytes)
 * is: it belongs to the shell (the sampler's model list), and it changes only with a new deploy. registerType 'prompt': a new version waits until the user
 * presses "reload" (src/ui/UpdateNotice.tsx) instead of changing under a running lesson.
 */
function largeSamplesPattern(): RegExp {
  const escaped = LARGE_SAMPLE_FILES.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`/samples/(?:${escaped.join('|')})$`);
}

function offlineApp() {
  return VitePWA({
    registerType: 'prompt',
    injectRegister: false, // registered from src/ui/UpdateNotice.tsx; no inline script (CSP)
    manifest: {
      name: 'SNR Lab',
      short_name: 'SNR Lab',
      description: 'See, teach and tune the signal-to-noise argument of pixel-space diffusion.',
      theme_color: '#1f6feb',
      background_color: '#ffffff',
      display: 'standalone',
      start_url: './',
      scope: './',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,png,jpg,webmanifest}', 'models/index.json'],
      // Every file in a model folder (weights, model.json, licences; folders are flat). Not
      // 'models/*/**': a globstar also matches zero folders, which would drop the index too.
      // The 2048 px photograph (0.4 MB) is fetched only when an H above 512 asks for it
      // (src/ui/explorerContent.ts), then kept for offline use by the runtime rule below.
      globIgnores: ['models/*/*', ...LARGE_SAMPLE_FILES.map((file) => `samples/${file}`)],
      runtimeCaching: [
        {
          // A RegExp, not a function: Workbox writes this config into sw.js as source text, where a
          // function's closure over LARGE_SAMPLE_FILES would be undefined (a ReferenceError on
          // every fetch, so nothing was cached). A RegExp only matches same-origin URLs anywhere.
          urlPattern: largeSamplesPattern(),
          handler: 'CacheFirst',
          options: { cacheName: LARGE_SAMPLES_CACHE },
        },
      ],
      // The tfjs bundle is the largest file (several MB); Workbox's default cap is 2 MiB.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // The first visit's page is controlled at once, so nothing it needs is fetched uncached.
      // An update still waits for the user: claiming happens only when a new worker activates.
      clientsClaim: true,
      cleanupOutdatedCaches: true,
      navigateFallback: 'index.html',
      // The weights cache is the model worker's (cache by content); Workbox leaves it alone.
      navigateFallbackDenylist: [/\/models\//],
    },
  });
}

export default defineConfig({
  // Relative base: the built dist/ works from any folder or host.
  base: './',
  plugins: [react(), contentSecurityPolicy(), offlineApp()],
  worker: { format: 'es' },
  // The app's own hand-written kernels (src/ui/explorer/mixKernel.wasm) are assets, so that
  // `?inline` gives them as a data URL (Vite 8 leaves .wasm out of its asset types; the tfjs
  // binaries in node_modules keep their `?url` handling).
  assetsInclude: ['src/**/*.wasm'],
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
  },
});
