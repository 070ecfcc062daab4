/**
 * The whole app state lives in the URL hash, through this one typed table (as in
 * tensorflow/playground's state.ts): every key has a default, a parser that rejects bad values,
 * and a formatter. A shared link reproduces the same view, seed included.
 */
import type { PooledView } from '../math/explorerLevels';
import { isScheduleId, type ScheduleId } from '../math/scheduleCatalog';
import type { ClipMode } from '../math/schedules';
import { SPACINGS, type Spacing } from '../math/spacing';
import { SAMPLER_IDS, type SamplerId } from '../math/samplers';
import { BACKENDS, type BackendChoice } from '../worker/client';
import { tr } from './i18n/i18n';
import { LANGS, type Lang } from './i18n/language';

export const HI_SIZES = [128, 256, 512, 1024, 2048] as const;
export const LO_SIZES = [16, 32, 64, 128, 256] as const;
/** Steps of the guided lesson (src/ui/lesson/lessonSteps.ts checks that it has this many). */
export const LESSON_STEP_COUNT = 8;
/** The views `embed=` can show alone; 'off' is the whole page. */
export const EMBED_VIEWS = ['off', 'explorer', 'lab', 'sampler', 'lesson'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

export interface AppState {
  /** Diffusion time in [0, 1]. */
  t: number;
  schedule: ScheduleId;
  /** High resolution H (a power of two, 128–2048). */
  hi: number;
  /** Low resolution L (a power of two, 16–256, dividing H). */
  lo: number;
  /** 'auto': noise H with λ + 2·ln(L/H); 'off': the same λ at both resolutions. */
  shift: 'off' | 'auto';
  /** The pooled panel re-normalised to unit variance (a VP x_t at λ_H + 2·ln s) or the plain average. */
  pooled: PooledView;
  /** Presentation mode: the three panels fill the screen, large readouts, keyboard-driven t. */
  present: 'on' | 'off';
  /** Seed of the fixed noise (uint32). */
  seed: number;
  // Schedule lab.
  /** Which quantity the lab's main chart plots. */
  chart: LabChart;
  /** The lab's shift: set by a resolution pair (2·ln(base/target)) or directly in nats. */
  shiftBy: 'resolution' | 'nats';
  base: number;
  target: number;
  nats: number;
  clip: ClipMode;
  /** Resolutions of the interpolated cosine family (base is `base`). */
  interpLo: number;
  interpHi: number;
  /** Other families drawn for comparison. */
  overlay: ScheduleId[];
  /** Sampling steps and their spacing (shared with the sampler). */
  steps: number;
  spacing: Spacing;
  /** Show the equivalences (SD3 shift k, input scaling) as matching curve pairs. */
  equiv: 'on' | 'off';
  sd3k: number;
  scale: number;
  // Sampler.
  backend: BackendChoice;
  sampler: SamplerId;
  /** DDIM's η (0 deterministic … 1 DDPM-like). */
  eta: number;
  /** Images per sample, shown as a grid. */
  batch: number;
  /** Sample along the model's training schedule or the lab's schedule … */
  source: 'training' | 'lab';
  /** … shifted by this many nats. */
  sshift: number;
  /** Which model of public/models/index.json samples (a name there; checked once the index is read). */
  model: string;
  /** Compare mode: the index's two compare models side by side, same seed, same initial noise. */
  compare: boolean;
  /** In compare mode, sample each model with the other's training schedule. */
  swap: boolean;
  /**
   * A class-conditional model's category: 'random' (one drawn per sample from the seed), 'any'
   * (unconditional) or a name of the model's labels (checked once they are known, like `model`).
   */
  class: string;
  /** Its vendor: 'any' or a name of the model's labels. */
  vendor: string;
  /** Classifier-free guidance w (0…8), or 'default': the value the models index gives the model. */
  guidance: number | 'default';
  // Teaching (issue 15).
  /** Step of the guided lesson, 1-based; 0: no lesson. */
  lesson: number;
  /** One view alone, for an iframe (no header, no other panels), or 'off'. */
  embed: EmbedView;
  /** Interface language; without `lang` in the link, the browser's (see useAppState). */
  lang: Lang;
}

/** The largest guidance weight offered: far past where samples stop improving. */
export const MAX_GUIDANCE = 8;

export const LAB_CHARTS = ['logsnr', 'alpha', 'sigma', 'snr-db', 'effective'] as const;
export type LabChart = (typeof LAB_CHARTS)[number];

export const DEFAULT_STATE: AppState = {
  t: 0.5,
  schedule: 'cosine',
  hi: 512,
  lo: 64,
  shift: 'off',
  pooled: 'unit',
  present: 'off',
  seed: 1,
  chart: 'logsnr',
  shiftBy: 'resolution',
  base: 64,
  target: 512,
  nats: 0,
  clip: 'shift-after-clip',
  interpLo: 32,
  interpHi: 256,
  overlay: [],
  steps: 25,
  // Uniform in λ: on the shipped model, 16 % lower SWD than uniform in t at 25 steps (the coarse
  // 16 px band 40 vs 60), paired on 500 noises (docs/MODEL_CARD.md, sampling study).
  spacing: 'uniform-logsnr',
  equiv: 'off',
  sd3k: 3,
  scale: 0.5,
  backend: 'auto',
  sampler: 'dpmpp-2m',
  eta: 0,
  batch: 4,
  source: 'training',
  sshift: 0,
  model: 'emoji64',
  compare: false,
  swap: false,
  class: 'random',
  vendor: 'any',
  guidance: 'default',
  lesson: 0,
  embed: 'off',
  lang: 'en',
};

interface Field<K extends keyof AppState> {
  parse(raw: string): AppState[K] | undefined;
  format(value: AppState[K]): string;
}

const oneOf =
  <T extends number>(choices: readonly T[]) =>
  (raw: string): T | undefined => {
    const value = Number(raw);
    return (choices as readonly number[]).includes(value) ? (value as T) : undefined;
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
const flag: Field<'compare'> & Field<'swap'> = {
  parse: (raw) => (raw === '1' ? true : raw === '0' ? false : undefined),
  format: (value) => (value ? '1' : '0'),
};

/** A label name as snrlab.labels writes them: lowercase words joined by dashes ('random', 'any' too). */
export const isLabelName = (raw: string): boolean => raw.length <= 64 && /^[a-z]+(-[a-z]+)*$/.test(raw);
const labelName = (raw: string): string | undefined => (isLabelName(raw) ? raw : undefined);

/** Shortest text that parses back to the same float64, so links are exact. */
const formatNumber = (value: number) => String(value);

const FIELDS: { [K in keyof AppState]: Field<K> } = {
  t: {
    parse: (raw) => {
      const value = Number(raw);
      return raw.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1 ? value : undefined;
    },
    format: (value) => String(Number(value.toFixed(4))),
  },
  schedule: { parse: (raw) => (isScheduleId(raw) ? raw : undefined), format: (value) => value },
  hi: { parse: oneOf(HI_SIZES), format: String },
  lo: { parse: oneOf(LO_SIZES), format: String },
  shift: { parse: (raw) => (raw === 'off' || raw === 'auto' ? raw : undefined), format: (value) => value },
  pooled: { parse: enumOf(['unit', 'raw'] as const), format: (value) => value },
  present: { parse: enumOf(['on', 'off'] as const), format: (value) => value },
  seed: {
    parse: (raw) => (/^\d{1,10}$/.test(raw) && Number(raw) <= 0xffffffff ? Number(raw) : undefined),
    format: String,
  },
  chart: { parse: enumOf(LAB_CHARTS), format: (value) => value },
  shiftBy: { parse: enumOf(['resolution', 'nats'] as const), format: (value) => value },
  base: { parse: intIn(1, 8192), format: String },
  target: { parse: intIn(1, 8192), format: String },
  nats: { parse: numberIn(-30, 30), format: formatNumber },
  clip: { parse: enumOf(['shift-after-clip', 'clip-after-shift'] as const), format: (value) => value },
  interpLo: { parse: intIn(1, 8192), format: String },
  interpHi: { parse: intIn(1, 8192), format: String },
  overlay: {
    parse: (raw) => {
      const ids = raw === '' ? [] : raw.split(',');
      return ids.every(isScheduleId) && new Set(ids).size === ids.length ? ids : undefined;
    },
    format: (value) => value.join(','),
  },
  steps: { parse: intIn(1, 1000), format: String },
  spacing: { parse: enumOf(SPACINGS), format: (value) => value },
  equiv: { parse: enumOf(['on', 'off'] as const), format: (value) => value },
  sd3k: { parse: numberIn(0.05, 20), format: formatNumber },
  scale: { parse: numberIn(0.01, 10), format: formatNumber },
  backend: { parse: enumOf(['auto', ...BACKENDS] as const), format: (value) => value },
  sampler: { parse: enumOf(SAMPLER_IDS), format: (value) => value },
  eta: { parse: numberIn(0, 1), format: formatNumber },
  batch: { parse: intIn(1, 16), format: String },
  source: { parse: enumOf(['training', 'lab'] as const), format: (value) => value },
  sshift: { parse: numberIn(-10, 10), format: formatNumber },
  // Any well-formed name here; whether the index lists it is known only once it is fetched
  // (the sampler then falls back to the index's default, with a notice like these).
  model: { parse: (raw) => (/^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? raw : undefined), format: (value) => value },
  compare: flag,
  swap: flag,
  // Any well-formed name, as for `model`: the model's labels are known only once it is chosen.
  class: { parse: labelName, format: (value) => value },
  vendor: { parse: labelName, format: (value) => value },
  guidance: {
    parse: (raw) => (raw === 'default' ? raw : numberIn(0, MAX_GUIDANCE)(raw)),
    format: (value) => (value === 'default' ? value : formatNumber(value)),
  },
  lesson: { parse: intIn(0, LESSON_STEP_COUNT), format: String },
  embed: { parse: enumOf(EMBED_VIEWS), format: (value) => value },
  lang: { parse: enumOf(LANGS), format: (value) => value },
};

export const STATE_KEYS = Object.keys(FIELDS) as (keyof AppState)[];

/** Longest hash we read; anything longer is ignored whole (with a notice) rather than parsed. */
export const MAX_HASH_LENGTH = 4096;

export interface ParsedState {
  state: AppState;
  /** One human-readable line per value that fell back to its default. */
  notices: string[];
}

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
    const field = FIELDS[key as keyof AppState] as Field<keyof AppState>;
    const value = field.parse(raw);
    if (value === undefined) {
      notices.push(
        tr('url.invalidValue', {
          raw: truncate(raw),
          name: key,
          fallback: field.format(defaults[key as keyof AppState]),
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
  for (const key of STATE_KEYS) {
    const field = FIELDS[key] as Field<keyof AppState>;
    params.set(key, field.format(state[key]));
  }
  return '#' + params.toString();
}

function truncate(text: string): string {
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}
