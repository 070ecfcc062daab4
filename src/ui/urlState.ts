/**
 * The whole app state lives in the URL hash, through this one table (as in tensorflow/playground's
 * state.ts). Each key is defined once, in URL_KEYS: its default, a parser that rejects bad values,
 * a formatter, and the slices (the views) that read it. The state's type, its defaults and each
 * view's slice are derived from the table, so a key is added, or moved between views, in one place.
 * A shared link reproduces the same view, seed included.
 */
import { isScheduleId } from '../math/scheduleCatalog';
import { IMAGE_IDS, type ImageId } from './explorerContent';
import type { PooledView } from '../math/explorerLevels';
import type { ClipMode } from '../math/schedules';
import { SPACINGS } from '../math/spacing';
import { SAMPLER_IDS } from '../math/samplers';
import { BACKENDS } from '../worker/client';
import { tr } from './i18n/i18n';
import { LANGS } from './i18n/language';

export const HI_SIZES = [128, 256, 512, 1024, 2048] as const;
export const LO_SIZES = [16, 32, 64, 128, 256] as const;
/** Steps of the guided lesson (src/ui/lesson/lessonSteps.ts checks that it has this many). */
export const LESSON_STEP_COUNT = 8;
/** The views `embed=` can show alone; 'off' is the whole page. */
export const EMBED_VIEWS = ['off', 'explorer', 'lab', 'sampler', 'lesson'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
/** The largest guidance weight offered: far past where samples stop improving. */
export const MAX_GUIDANCE = 8;
export const LAB_CHARTS = ['logsnr', 'alpha', 'sigma', 'snr-db', 'effective'] as const;
export type LabChart = (typeof LAB_CHARTS)[number];

/**
 * Who reads the state: the three views, and the page around them (the lesson, the embed layout,
 * the language). A view is given only its slice, so what it may read is written in the table.
 */
export type Slice = 'explorer' | 'lab' | 'sampler' | 'page';

/** One row of the table. */
interface UrlKey<T, S extends Slice = Slice> {
  /** The views that read the key: it is in each one's slice. */
  slices: readonly S[];
  default: T;
  /** The value, or undefined for a text the key does not take (it then falls back, with a notice). */
  parse(raw: string): T | undefined;
  format(value: T): string;
}

/**
 * Builds a row. The key's type is its parser's result (the default is checked against it, not
 * used to infer it). Without a formatter, String: for a number the shortest text that parses back
 * to the same float64, so links are exact.
 */
function urlKey<T, const S extends Slice>(row: {
  slices: readonly S[];
  default: NoInfer<T>;
  parse: (raw: string) => T | undefined;
  format?: (value: NoInfer<T>) => string;
}): UrlKey<T, S> {
  return { slices: row.slices, default: row.default, parse: row.parse, format: row.format ?? String };
}

const oneOf =
  (choices: readonly number[]) =>
  (raw: string): number | undefined => {
    const value = Number(raw);
    return choices.includes(value) ? value : undefined;
  };

const intIn =
  (min: number, max: number) =>
  (raw: string): number | undefined => {
    const value = Number(raw);
    return /^-?\d+$/.test(raw) && value >= min && value <= max ? value : undefined;
  };

const numberIn =
  (min: number, max: number) =>
  (raw: string): number | undefined => {
    const value = Number(raw);
    return raw.trim() !== '' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
  };

const enumOf =
  <T extends string>(choices: readonly T[]) =>
  (raw: string): T | undefined =>
    (choices as readonly string[]).includes(raw) ? (raw as T) : undefined;

/** A flag written as 1 or 0 (compare=1). */
const flag = {
  parse: (raw: string) => (raw === '1' ? true : raw === '0' ? false : undefined),
  format: (value: boolean) => (value ? '1' : '0'),
};

/** A label name as snrlab.labels writes them: lowercase words joined by dashes ('random', 'any' too). */
export const isLabelName = (raw: string): boolean => raw.length <= 64 && /^[a-z]+(-[a-z]+)*$/.test(raw);
const labelName = (raw: string): string | undefined => (isLabelName(raw) ? raw : undefined);

/** The lab's schedule is the sampler's too: with source=lab a sample runs along it (src/ui/specs.ts). */
const LAB_SCHEDULE: ['lab', 'sampler'] = ['lab', 'sampler'];

/** Every key, in the order a link lists them. */
export const URL_KEYS = {
  /** Diffusion time in [0, 1] (the sampler's "denoise my image" noises to it). */
  t: urlKey({
    slices: ['explorer', 'lab', 'sampler'],
    default: 0.5,
    parse: numberIn(0, 1),
    format: (value) => String(Number(value.toFixed(4))),
  }),
  /** The explorer's schedule, and the lab's (so the sampler's, with source=lab). */
  schedule: urlKey({
    slices: ['explorer', ...LAB_SCHEDULE],
    default: 'cosine',
    parse: (raw) => (isScheduleId(raw) ? raw : undefined),
  }),
  /** High resolution H (a power of two, 128–2048); the lab offers L → H as its shift. */
  hi: urlKey({ slices: ['explorer', 'lab'], default: 512, parse: oneOf(HI_SIZES) }),
  /** Low resolution L (a power of two, 16–256, dividing H: parseHash checks the pair). */
  lo: urlKey({ slices: ['explorer', 'lab'], default: 64, parse: oneOf(LO_SIZES) }),
  /** 'auto': noise H with λ + 2·ln(L/H); 'off': the same λ at both resolutions. */
  shift: urlKey({ slices: ['explorer'], default: 'off', parse: enumOf(['off', 'auto'] as const) }),
  /** The pooled panel re-normalised to unit variance (a VP x_t at λ_H + 2·ln s) or the plain average. */
  pooled: urlKey({ slices: ['explorer'], default: 'unit', parse: enumOf<PooledView>(['unit', 'raw']) }),
  /** Presentation mode: the three panels fill the screen, large readouts, keyboard-driven t. */
  present: urlKey({ slices: ['explorer'], default: 'off', parse: enumOf(['on', 'off'] as const) }),
  /** Seed of the fixed noise (uint32): the explorer's and the samples'. */
  seed: urlKey({
    slices: ['explorer', 'sampler'],
    default: 1,
    parse: (raw) => (/^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : undefined),
  }),
  /**
   * The explorer's image: a bundled sample, or 'own' for one the user loaded (a link cannot carry
   * it: opened from a link, 'own' shows the photograph, with a notice).
   */
  image: urlKey({ slices: ['explorer'], default: 'photo', parse: enumOf<ImageId>(IMAGE_IDS) }),
  /** The explorer's view: the three panels, or the resolution ladder (every rung pooled to L). */
  view: urlKey({ slices: ['explorer'], default: 'panels', parse: enumOf(['panels', 'ladder'] as const) }),
  // Schedule lab.
  /** Which quantity the lab's main chart plots. */
  chart: urlKey({ slices: ['lab'], default: 'logsnr', parse: enumOf(LAB_CHARTS) }),
  /** The lab's shift: set by a resolution pair (2·ln(base/target)) or directly in nats. */
  shiftBy: urlKey({ slices: LAB_SCHEDULE, default: 'resolution', parse: enumOf(['resolution', 'nats'] as const) }),
  base: urlKey({ slices: LAB_SCHEDULE, default: 64, parse: intIn(1, 8192) }),
  target: urlKey({ slices: LAB_SCHEDULE, default: 512, parse: intIn(1, 8192) }),
  nats: urlKey({ slices: LAB_SCHEDULE, default: 0, parse: numberIn(-30, 30) }),
  clip: urlKey({
    slices: LAB_SCHEDULE,
    default: 'shift-after-clip',
    parse: enumOf<ClipMode>(['shift-after-clip', 'clip-after-shift']),
  }),
  /** Resolutions of the interpolated cosine family (base is `base`). */
  interpLo: urlKey({ slices: LAB_SCHEDULE, default: 32, parse: intIn(1, 8192) }),
  interpHi: urlKey({ slices: LAB_SCHEDULE, default: 256, parse: intIn(1, 8192) }),
  /** Other families drawn for comparison. */
  overlay: urlKey({
    slices: ['lab'],
    default: [],
    parse: (raw) => {
      const ids = raw === '' ? [] : raw.split(',');
      return ids.every(isScheduleId) && new Set(ids).size === ids.length ? ids : undefined;
    },
    format: (value) => value.join(','),
  }),
  /** Sampling steps and their spacing (shared with the sampler). */
  steps: urlKey({ slices: ['lab', 'sampler'], default: 25, parse: intIn(1, 1000) }),
  // Uniform in λ: on the shipped model, 16 % lower SWD than uniform in t at 25 steps (the coarse
  // 16 px band 40 vs 60), paired on 500 noises (docs/MODEL_CARD.md, sampling study).
  spacing: urlKey({ slices: ['lab', 'sampler'], default: 'uniform-logsnr', parse: enumOf(SPACINGS) }),
  /** Show the equivalences (SD3 shift k, input scaling) as matching curve pairs. */
  equiv: urlKey({ slices: ['lab'], default: 'off', parse: enumOf(['on', 'off'] as const) }),
  sd3k: urlKey({ slices: ['lab'], default: 3, parse: numberIn(0.05, 20) }),
  scale: urlKey({ slices: ['lab'], default: 0.5, parse: numberIn(0.01, 10) }),
  // Sampler.
  backend: urlKey({ slices: ['sampler'], default: 'auto', parse: enumOf(['auto', ...BACKENDS] as const) }),
  sampler: urlKey({ slices: ['sampler'], default: 'dpmpp-2m', parse: enumOf(SAMPLER_IDS) }),
  /** DDIM's η (0 deterministic … 1 DDPM-like). */
  eta: urlKey({ slices: ['sampler'], default: 0, parse: numberIn(0, 1) }),
  /** Images per sample, shown as a grid. */
  batch: urlKey({ slices: ['sampler'], default: 4, parse: intIn(1, 16) }),
  /** Sample along the model's training schedule or the lab's schedule … */
  source: urlKey({ slices: ['sampler'], default: 'training', parse: enumOf(['training', 'lab'] as const) }),
  /** … shifted by this many nats. */
  sshift: urlKey({ slices: ['sampler'], default: 0, parse: numberIn(-10, 10) }),
  /**
   * Which model of public/models/index.json samples. Any well-formed name here; whether the index
   * lists it is known only once it is fetched (the sampler then falls back to the index's default,
   * with a notice like these).
   */
  model: urlKey({
    slices: ['sampler'],
    default: 'emoji64',
    parse: (raw) => (/^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? raw : undefined),
  }),
  /** Compare mode: the index's two compare models side by side, same seed, same initial noise. */
  compare: urlKey({ slices: ['sampler'], default: false, ...flag }),
  /** In compare mode, sample each model with the other's training schedule. */
  swap: urlKey({ slices: ['sampler'], default: false, ...flag }),
  /**
   * A class-conditional model's category: 'random' (one drawn per sample from the seed), 'any'
   * (unconditional) or a name of the model's labels. Any well-formed name, as for `model`: the
   * model's labels are known only once it is chosen.
   */
  class: urlKey({ slices: ['sampler'], default: 'random', parse: labelName }),
  /** Its vendor: 'any' or a name of the model's labels. */
  vendor: urlKey({ slices: ['sampler'], default: 'any', parse: labelName }),
  /** Classifier-free guidance w (0…8), or 'default': the value the models index gives the model. */
  guidance: urlKey({
    slices: ['sampler'],
    default: 'default',
    parse: (raw) => (raw === 'default' ? raw : numberIn(0, MAX_GUIDANCE)(raw)),
  }),
  // The page: the guided lesson and the embed layout (issue 15), the language.
  /** Step of the guided lesson, 1-based; 0: no lesson. */
  lesson: urlKey({ slices: ['page'], default: 0, parse: intIn(0, LESSON_STEP_COUNT) }),
  /** One view alone, for an iframe (no header, no other panels), or 'off'. */
  embed: urlKey({ slices: ['page'], default: 'off', parse: enumOf(EMBED_VIEWS) }),
  /** Interface language; without `lang` in the link, the browser's (see useAppState). */
  lang: urlKey({ slices: ['page'], default: 'en', parse: enumOf(LANGS) }),
};

type UrlTable = typeof URL_KEYS;
type ValueOf<Row> = Row extends UrlKey<infer T> ? T : never;

/** The whole state: each key's type is what its parser returns. */
export type AppState = { [K in keyof UrlTable]: ValueOf<UrlTable[K]> };

/** The keys whose rows name `S` among their slices. */
type SliceKeys<S extends Slice> = {
  [K in keyof UrlTable]: S extends UrlTable[K]['slices'][number] ? K : never;
}[keyof UrlTable];

/** What a view is given: only the keys it reads (the table says which). */
export type SliceState<S extends Slice> = Pick<AppState, SliceKeys<S>>;
export type ExplorerState = SliceState<'explorer'>;
export type LabState = SliceState<'lab'>;
export type SamplerState = SliceState<'sampler'>;

/** How a view changes the state: a patch of its own slice (by default, of the whole state). */
export type Update<S = AppState> = (patch: Partial<S>) => void;

/** Every key, in the table's order: the order a written link lists them in. */
export const STATE_KEYS = Object.keys(URL_KEYS) as (keyof AppState)[];

/** Each key's default, from the table. */
export const DEFAULT_STATE = Object.fromEntries(STATE_KEYS.map((key) => [key, URL_KEYS[key].default])) as AppState;

/** Longest hash we read; anything longer is ignored whole (with a notice) rather than parsed. */
export const MAX_HASH_LENGTH = 4096;

export interface ParsedState {
  state: AppState;
  /** One human-readable line per value that fell back to its default. */
  notices: string[];
}

/** A key's row, typed for code that goes over every key. */
const rowOf = (key: keyof AppState) => URL_KEYS[key] as UrlKey<AppState[keyof AppState]>;

/**
 * Parses a location hash ("#t=0.5&hi=512"). Never throws: bad values fall back to `defaults`
 * (DEFAULT_STATE, but the app passes the browser's language as the default `lang`).
 */
export function parseHash(hash: string, defaults: AppState = DEFAULT_STATE): ParsedState {
  const state: AppState = { ...defaults };
  const notices: string[] = [];
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { state, notices };
  if (body.length > MAX_HASH_LENGTH) {
    return {
      state,
      notices: [tr('url.tooLong', { length: body.length })],
    };
  }
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(body);
  } catch {
    return { state, notices: [tr('url.unreadable')] };
  }
  for (const [key, raw] of params) {
    if (!(STATE_KEYS as string[]).includes(key)) {
      notices.push(tr('url.unknownKey', { name: truncate(key) }));
      continue;
    }
    const row = rowOf(key as keyof AppState);
    const value = row.parse(raw);
    if (value === undefined) {
      notices.push(
        tr('url.invalidValue', {
          raw: truncate(raw),
          name: key,
          fallback: row.format(defaults[key as keyof AppState]),
        }),
      );
    } else {
      (state as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (state.hi % state.lo !== 0 || state.lo > state.hi) {
    notices.push(tr('url.pair', { lo: state.lo, hi: state.hi, defaultLo: defaults.lo, defaultHi: defaults.hi }));
    state.hi = defaults.hi;
    state.lo = defaults.lo;
  }
  return { state, notices };
}

/** Formats the state as a hash, listing every key so a copied link is explicit. */
export function formatHash(state: AppState): string {
  const params = new URLSearchParams();
  for (const key of STATE_KEYS) params.set(key, rowOf(key).format(state[key]));
  return '#' + params.toString();
}

function truncate(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}
