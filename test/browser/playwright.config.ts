import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../../tools/chromium.mjs';

const PORT = Number(process.env.SNRLAB_PORT ?? 4317);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Two cores: one browser at a time keeps timings and software WebGPU sane.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['json', { outputFile: '../../test-results/browser.json' }]],
  outputDir: '../../test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    // page.route (modelRoutes.ts serves and damages model files) does not see requests that a
    // service worker answers, so specs run without one; offline.spec.ts allows it.
    serviceWorkers: 'block',
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    cwd: '../..',
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
