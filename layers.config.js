// The import layers (docs/ARCHITECTURE.md, "Layers"): ui → worker client → worker → model → math,
// panels side by side, bench apart from test. One flat-config block per folder; a file gets the rule of
// the last block that matches it, so every block lists all of its folder's restrictions.
// test/unit/layers.test.ts lints small sources against these blocks to prove that each rule bites.

const TFJS = { group: ['@tensorflow/*'], message: 'Only src/model and src/worker use tfjs.' };
const REACT = { group: ['react', 'react-dom', 'react/*', 'recharts'], message: 'React belongs to src/ui.' };
const OUTSIDE_SRC = {
  group: ['**/test/**', '**/bench/**', '**/tools/**', '**/train/**'],
  message: 'The app imports nothing from the tests, benchmarks or tools.',
};
const ui = { group: ['**/ui/**', '**/ui'], message: 'Nothing below the UI imports it.' };
const worker = { group: ['**/worker/**'], message: 'Only the UI talks to the worker, through its client.' };
const model = { group: ['**/model/**'], message: 'src/model is reached only from the worker.' };
/** The UI reaches the workers only through their clients. */
const WORKER_INTERNALS = {
  group: ['**/worker/*', '!**/worker/client', '!**/worker/spectrumClient'],
  message: 'The UI talks to the workers only through src/worker/client and src/worker/spectrumClient.',
};
const UI_BASE = [
  { ...TFJS, message: 'The UI never imports tfjs: talk to the worker through src/worker/client.' },
  {
    ...model,
    message: 'The UI reaches the model only through the worker client.',
  },
  WORKER_INTERNALS,
  OUTSIDE_SRC,
];
const PANELS = ['explorer', 'lab', 'sampler'];
/** A panel does not import another panel: shared pieces live in ui/controls, ui/charts or ui/specs. */
const otherPanels = (panel) => ({
  group: PANELS.filter((other) => other !== panel).flatMap((other) => [`../${other}/*`, `**/ui/${other}/*`]),
  message:
    'Panels do not import each other: move what they share to src/ui/controls, src/ui/charts or src/ui/specs.ts.',
});

const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export const LAYERS = [
  restrict(['src/math/**'], [TFJS, REACT, ui, worker, model, OUTSIDE_SRC]),
  restrict(['src/model/**'], [REACT, ui, worker, OUTSIDE_SRC]),
  restrict(['src/worker/**'], [REACT, ui, OUTSIDE_SRC]),
  restrict(['src/ui/**', 'src/main.tsx'], UI_BASE),
  // Shared UI pieces import no panel at all: controls, charts, the translations (i18n), the lesson
  // and the embed layout (they set URL state; the app shell lays the panels out for them).
  restrict(
    [
      'src/ui/controls/**',
      'src/ui/charts/**',
      'src/ui/i18n/**',
      'src/ui/lesson/**',
      'src/ui/embed/**',
      'src/ui/*.{ts,tsx}',
    ],
    [
      ...UI_BASE,
      {
        group: PANELS.flatMap((panel) => [`../${panel}/*`, `./${panel}/*`, `**/ui/${panel}/*`]),
        message: 'Shared UI code imports no panel.',
      },
    ],
  ),
  // …except the app shell, which lays the panels out.
  restrict(['src/ui/App.tsx', 'src/main.tsx'], UI_BASE),
  ...PANELS.map((panel) => restrict([`src/ui/${panel}/**`], [...UI_BASE, otherPanels(panel)])),
  // window.__snrlab is defined, and written, only through src/ui/testHooks.ts.
  {
    files: ['src/**'],
    ignores: ['src/ui/testHooks.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['window', 'globalThis', 'self'].map((object) => ({
          object,
          property: '__snrlab',
          message: 'Test hooks go through hooks() in src/ui/testHooks.ts, the one module that defines globals.',
        })),
      ],
    },
  },
  restrict(
    ['bench/**'],
    [{ group: ['**/test/**'], message: 'bench does not import from test/: shared helpers live in tools/.' }],
  ),
];
