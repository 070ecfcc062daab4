/**
 * The models index, public/models/index.json: which models the sampler offers, where each lives,
 * and what the index says of it for display before it is loaded (size, training schedule, SWD, a
 * conditional model's classes and default guidance).
 * Pure parsing and look-ups, so they are unit-tested; the fetch is in useModelIndex.ts.
 * A loaded model's own manifest wins over the index's copies (see indexMismatch).
 */
import {
  parseTrainingSchedule,
  PLAIN_COSINE,
  sameTrainingSchedule,
  type TrainingSchedule,
} from '../../math/samplingGrid';
import type { ModelFacts } from '../../worker/client';
import { tr } from '../i18n/i18n';
import { trainingScheduleText } from '../i18n/labels';
import { isLabelName, MAX_GUIDANCE } from '../urlState';
// The shipped index as text, parsed by the same parser as the fetched one (FALLBACK_INDEX).
import shippedIndexText from '../../../public/models/index.json?raw';

/** Where the app fetches the index, relative to the page (works from any folder). */
export const MODEL_INDEX_PATH = './models/index.json';

/** Sliced Wasserstein distance to held-out images, as train/eval.py measured it. */
export interface SwdScore {
  /** Sampling steps of the measured samples. */
  steps: number;
  /** Mean SWD over the evaluation's bands (lower is better). */
  average: number;
  /** The same measure between two halves of the real images: the best a model can reach. */
  floor: number;
  /** How many samples it was measured on; null where the index does not say (an older index). */
  samples: number | null;
  /** Per pyramid band, finest first (128, 64, 32 px band-pass, 16 px low-pass); [] if not given. */
  bands: SwdBand[];
}

/** One pyramid band's SWD and floor: at `size` px, what a viewer sees at that coarseness. */
export interface SwdBand {
  size: number;
  value: number;
  floor: number;
}

export interface ModelEntry {
  /** As in the URL's model=NAME. */
  name: string;
  /** The model's folder, relative to the page, ending in /. */
  path: string;
  imageSize: number;
  trainingSchedule: TrainingSchedule;
  /** null: not evaluated yet. */
  swd: SwdScore | null;
  /** Bytes of weights. (Its one line of prose is a translation, models.summaries.NAME.) */
  bytes: number;
  /** A class-conditional model's category names (its manifest's snrlab.labels.category); [] if none. */
  classes: string[];
  /** Its vendor names (snrlab.labels.vendor); [] if none. */
  vendors: string[];
  /** The guidance weight w the sampler uses unless the link sets one (1, plain conditional, if not given). */
  defaultGuidance: number;
  /**
   * The classes class=random draws from: those the model's evaluation found recognisable at its
   * default w (train/eval_cond.py, random_classes); [] (absent): every class.
   */
  randomClasses: string[];
}

export interface ModelIndex {
  models: ModelEntry[];
  /** The model sampled when the link names none. */
  default: string;
  /** The two models compare mode puts side by side (empty: compare is not offered). */
  compare: string[];
  /** Models no longer shipped -> the listed model that replaced each, so an old link still works. */
  replaced: Record<string, string>;
}

/** A model's label names (ModelFacts.labels, never null): empty lists where it is not conditioned. */
export type ModelLabels = NonNullable<ModelFacts['labels']>;

export class ModelIndexError extends Error {
  override name = 'ModelIndexError';
}

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A folder under the page's own models/: no other origin, no way out of the site. */
const PATH = /^\.\/models\/[A-Za-z0-9_-]+\/$/;

/** Parses index.json's text; throws a ModelIndexError naming the first thing that is wrong. */
export function parseModelIndex(text: string): ModelIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ModelIndexError('it is not valid JSON');
  }
  const root = asObject(json, 'the index');
  if (!Array.isArray(root.models) || root.models.length === 0) {
    throw new ModelIndexError('“models” must be a non-empty list');
  }
  const models = root.models.map((entry, i) => parseEntry(entry, i));
  const names = new Set<string>();
  for (const { name } of models) {
    if (names.has(name)) throw new ModelIndexError(`the model “${name}” is listed twice`);
    names.add(name);
  }
  const known = (value: unknown, what: string): string => {
    if (typeof value !== 'string' || !names.has(value)) {
      throw new ModelIndexError(`${what} “${String(value)}” is not one of the listed models`);
    }
    return value;
  };
  const defaultName = known(root.default, '“default”');
  if (!Array.isArray(root.compare) || (root.compare.length !== 0 && root.compare.length !== 2)) {
    throw new ModelIndexError('“compare” must list two models (or none)');
  }
  const compare = root.compare.map((name) => known(name, 'the compared model'));
  if (compare.length === 2 && compare[0] === compare[1]) {
    throw new ModelIndexError('“compare” must name two different models');
  }
  const replaced: Record<string, string> = {};
  for (const [old, successor] of Object.entries(root.replaced === undefined ? {} : asObject(root.replaced, '“replaced”'))) {
    if (!NAME.test(old) || names.has(old)) {
      throw new ModelIndexError(`“replaced” names “${old}”, which must be a model no longer listed`);
    }
    replaced[old] = known(successor, `the successor of “${old}”`);
  }
  return { models, default: defaultName, compare, replaced };
}

function parseEntry(value: unknown, index: number): ModelEntry {
  const entry = asObject(value, `models[${index}]`);
  const where = typeof entry.name === 'string' ? `model “${entry.name}”` : `models[${index}]`;
  if (typeof entry.name !== 'string' || !NAME.test(entry.name)) {
    throw new ModelIndexError(`${where} needs a name of lowercase letters, digits and dashes`);
  }
  if (typeof entry.path !== 'string' || !PATH.test(entry.path)) {
    throw new ModelIndexError(`${where}: “path” must be a folder like ./models/NAME/`);
  }
  const imageSize = entry.imageSize;
  if (
    !Number.isInteger(imageSize) ||
    (imageSize as number) < 8 ||
    (imageSize as number) & ((imageSize as number) - 1)
  ) {
    throw new ModelIndexError(`${where}: “imageSize” must be a power of two of at least 8`);
  }
  if (!Number.isInteger(entry.bytes) || (entry.bytes as number) < 0) {
    throw new ModelIndexError(`${where}: “bytes” must be a byte count`);
  }
  const classes = parseNames(entry.classes, 'classes', where);
  return {
    name: entry.name,
    path: entry.path,
    imageSize: imageSize as number,
    trainingSchedule: parseSchedule(entry.trainingSchedule, where),
    swd: parseSwd(entry.swd, where),
    bytes: entry.bytes as number,
    classes,
    vendors: parseNames(entry.vendors, 'vendors', where),
    defaultGuidance: parseGuidance(entry.guidance, where),
    randomClasses: parseRandomClasses(entry.randomClasses, classes, where),
  };
}

function parseRandomClasses(value: unknown, classes: string[], where: string): string[] {
  const names = parseNames(value, 'randomClasses', where);
  const unknown = names.filter((name) => !classes.includes(name));
  if (unknown.length > 0)
    throw new ModelIndexError(`${where}: randomClasses names ${unknown.join(', ')}, not in “classes”`);
  return names;
}

/** An optional list of label names (absent: the model is not conditioned on that label). */
function parseNames(value: unknown, key: string, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((name) => typeof name === 'string' && isLabelName(name))) {
    throw new ModelIndexError(`${where}: “${key}” must be a list of names of lowercase letters and dashes`);
  }
  if (new Set(value).size !== value.length) throw new ModelIndexError(`${where}: “${key}” lists a name twice`);
  return value as string[];
}

function parseGuidance(value: unknown, where: string): number {
  if (value === undefined) return 1;
  const number = asObject(value, `${where}: “guidance”`).default;
  if (typeof number !== 'number' || !(number >= 0 && number <= MAX_GUIDANCE)) {
    throw new ModelIndexError(`${where}: guidance.default must be a number from 0 to ${MAX_GUIDANCE}`);
  }
  return number;
}

function parseSchedule(value: unknown, where: string): TrainingSchedule {
  try {
    return parseTrainingSchedule(value);
  } catch (error) {
    throw new ModelIndexError(`${where}: trainingSchedule: ${(error as Error).message}`);
  }
}

function parseSwd(value: unknown, where: string): SwdScore | null {
  if (value === null) return null;
  const swd = asObject(value, `${where}: “swd”`);
  const [steps, average, floor] = (['steps', 'average', 'floor'] as const).map((key) => {
    const number = swd[key];
    if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
      throw new ModelIndexError(`${where}: swd.${key} must be a number ≥ 0 (or swd null: not evaluated)`);
    }
    return number;
  });
  return { steps, average, floor, samples: parseSamples(swd.samples, where), bands: parseBands(swd.bands, where) };
}

function parseSamples(value: unknown, where: string): number | null {
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ModelIndexError(`${where}: swd.samples must be a whole number ≥ 1 (how many samples were measured)`);
  }
  return value;
}

function parseBands(value: unknown, where: string): SwdBand[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ModelIndexError(`${where}: swd.bands must be a list`);
  return value.map((band, i) => {
    const { size, value: swdValue, floor } = asObject(band, `${where}: swd.bands[${i}]`);
    const numbers = [size, swdValue, floor];
    if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0) || !Number.isInteger(size)) {
      throw new ModelIndexError(`${where}: swd.bands[${i}] needs an integer size and numbers value and floor ≥ 0`);
    }
    return { size: size as number, value: swdValue as number, floor: floor as number };
  });
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ModelIndexError(`${what} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** The entry called `name`, or undefined. */
export const findModel = (index: ModelIndex, name: string): ModelEntry | undefined =>
  index.models.find((entry) => entry.name === name);

/** The model to sample with for the link's `name`, and a notice when that name is not in the index. */
export function chooseModel(index: ModelIndex, name: string): { entry: ModelEntry; notice: string | null } {
  const found = findModel(index, name);
  if (found) return { entry: found, notice: null };
  const successor = Object.hasOwn(index.replaced, name) ? findModel(index, index.replaced[name]!) : undefined;
  if (successor) return { entry: successor, notice: tr('models.replaced', { name, successor: successor.name }) };
  const fallback = findModel(index, index.default) ?? index.models[0];
  return {
    entry: fallback,
    notice: tr('models.notInIndex', { name, fallback: fallback.name }),
  };
}

/** The two models compare mode samples, or why it cannot (null when it can). */
export function compareModels(index: ModelIndex): { models: [ModelEntry, ModelEntry] } | { reason: string } {
  const [first, second] = index.compare.map((name) => findModel(index, name));
  if (!first || !second) return { reason: tr('models.compareNone') };
  if (first.imageSize !== second.imageSize) {
    return {
      reason: tr('models.compareSizes', {
        first: first.name,
        firstSize: first.imageSize,
        second: second.name,
        secondSize: second.imageSize,
      }),
    };
  }
  return { models: [first, second] };
}

/** Why two loaded models cannot be compared pixel for pixel (null when they can). */
export function compareRefusal(first: ModelFacts, firstName: string, second: ModelFacts, secondName: string) {
  if (first.imageSize === second.imageSize && first.inChannels === second.inChannels) return null;
  return tr('models.compareRefusal', {
    first: firstName,
    firstSize: first.imageSize,
    second: secondName,
    secondSize: second.imageSize,
  });
}

/** The training schedule to sample a loaded model with: its manifest's (the plain cosine if none). */
export function manifestSchedule(facts: ModelFacts): TrainingSchedule {
  return facts.schedule ?? PLAIN_COSINE;
}

/**
 * Where the index's copies disagree with the loaded manifest (which wins), as one line for the
 * page; null when they agree.
 */
export function indexMismatch(entry: ModelEntry, facts: ModelFacts): string | null {
  const differences: string[] = [];
  if (entry.imageSize !== facts.imageSize) {
    differences.push(tr('models.mismatchSize', { size: facts.imageSize, indexSize: entry.imageSize }));
  }
  const schedule = manifestSchedule(facts);
  if (!sameTrainingSchedule(entry.trainingSchedule, schedule)) {
    differences.push(
      tr('models.mismatchSchedule', {
        schedule: trainingScheduleText(schedule),
        indexSchedule: trainingScheduleText(entry.trainingSchedule),
      }),
    );
  }
  const labels = manifestLabels(facts);
  const indexLabels = { category: entry.classes, vendor: entry.vendors };
  if ((['category', 'vendor'] as const).some((key) => labels[key].join() !== indexLabels[key].join())) {
    differences.push(tr('models.mismatchLabels', { labels: labelsText(labels), indexLabels: labelsText(indexLabels) }));
  }
  if (differences.length === 0) return null;
  return tr('models.mismatch', { name: entry.name, differences: differences.join(tr('models.and')) });
}

/** The label names of a loaded model (empty lists: not conditioned on that label). */
export function manifestLabels(facts: ModelFacts): ModelLabels {
  return facts.labels ?? { category: [], vendor: [] };
}

/** "smileys, people / google, twitter", or "none" for an unconditional model. */
const labelsText = (labels: ModelLabels): string =>
  [labels.category, labels.vendor]
    .filter((names) => names.length > 0)
    .map((names) => names.join(', '))
    .join(' / ') || tr('models.unconditional');

/** "66.0 (25 steps, 2,000 samples; floor 22.0)", without the samples where the index gives none,
 * or "not evaluated". */
export function formatSwd(swd: SwdScore | null): string {
  if (!swd) return tr('models.notEvaluated');
  const values = { average: swd.average.toFixed(1), steps: swd.steps, floor: swd.floor.toFixed(1) };
  if (swd.samples === null) return tr('models.swd', values);
  return tr('models.swdOnSamples', { ...values, samples: swd.samples });
}

/** "5.2 MB". */
export const formatBytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * What the app uses when index.json is missing or corrupt: the default model of the index shipped
 * with this build (bundled at build time, so its facts are the index's, not a copy kept by hand).
 */
export const FALLBACK_INDEX: ModelIndex = fallbackOf(shippedIndexText);

function fallbackOf(text: string): ModelIndex {
  const shipped = parseModelIndex(text);
  return { models: [findModel(shipped, shipped.default) ?? shipped.models[0]], default: shipped.default, compare: [], replaced: {} };
}
