// Finds the Chromium the browser tests drive. The one system requirement of `npm test`.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const MISSING_CHROMIUM_MESSAGE =
  'Browser tests need a Chromium. On Debian: `apt-get install chromium`; elsewhere set CHROME_PATH to a Chromium or Chrome executable.';

/** Path of the Chromium to use, or null. CHROME_PATH wins when set. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** WebGPU on SwiftShader's software adapter, and no background networking (docs/ARCHITECTURE.md, "Backends"). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
