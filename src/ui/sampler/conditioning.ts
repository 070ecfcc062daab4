/**
 * The one place that turns the link's class, vendor and guidance into what a request asks a
 * class-conditional model (the Conditioning part of every SampleSettings and denoise request), and
 * checks them against the model's labels. Pure, so it is unit-tested.
 */
import { createRng } from '../../math/rng';
import type { Conditioning, ModelFacts } from '../../worker/client';
import { tr } from '../i18n/i18n';
import { DEFAULT_STATE, type AppState } from '../urlState';
import { manifestLabels, type ModelEntry, type ModelLabels } from './modelIndex';

/**
 * The seed's stream for classes drawn at random (1000 is the initial noise, 2000 "denoise my
 * image"'s): the same seed asks the same classes, and the noise does not move when class changes.
 */
const CLASS_STREAM = 3000;

/** The link's class and vendor. */
type LabelKeys = Pick<AppState, 'class' | 'vendor'>;

export interface AskedLabels {
  conditioning: Conditioning;
  /** The category name each sample was asked for, when they were drawn at random (class=random); else null. */
  drawn: string[] | null;
}

/** The labels to offer and ask for: the loaded manifest's (it wins), else the index's copy. */
export function modelLabels(entry: ModelEntry, loaded: ModelFacts | null): ModelLabels {
  return loaded ? manifestLabels(loaded) : { category: entry.classes, vendor: entry.vendors };
}

export const isConditionalLabels = (labels: ModelLabels): boolean =>
  labels.category.length > 0 || labels.vendor.length > 0;

/** Guidance does something only when a label is asked: with class and vendor both 'any' it is off. */
export const guidanceApplies = (state: LabelKeys): boolean => state.class !== 'any' || state.vendor !== 'any';

/** w as the sampler uses it: the link's, or the index's default for the model. */
export const guidanceWeight = (state: Pick<AppState, 'guidance'>, entry: ModelEntry): number =>
  state.guidance === 'default' ? entry.defaultGuidance : state.guidance;

/**
 * What `batch` samples of the model with `labels` are asked (null labels: the model is sampled
 * unconditionally, as compare mode samples an unconditional pair). Rows count from 1 (row 0 is the
 * unknown token); a name the labels lack is asked as the link's fallback would be (random class,
 * any vendor). A random
 * class is drawn among `drawFrom` (the index's randomClasses) where it names any of the labels'
 * classes, else among all of them.
 */
export function askLabels(
  state: LabelKeys & Pick<AppState, 'seed'>,
  labels: ModelLabels | null,
  guidance: number,
  batch: number,
  drawFrom: readonly string[] = [],
): AskedLabels {
  if (!labels || !isConditionalLabels(labels)) return { conditioning: { guidance: 1 }, drawn: null };
  const { category: classes, vendor: vendors } = labels;
  const chosen = classes.indexOf(state.class);
  const random = classes.length > 0 && state.class !== 'any' && chosen < 0;
  const rng = createRng(state.seed, CLASS_STREAM);
  const pool = drawFrom.map((name) => classes.indexOf(name)).filter((index) => index >= 0);
  const rows = pool.length > 0 ? pool : classes.map((_, index) => index);
  const category = Array.from({ length: batch }, () =>
    random ? 1 + rows[rng.nextUint32() % rows.length] : chosen + 1,
  );
  const vendor = new Array<number>(batch).fill(vendors.indexOf(state.vendor) + 1);
  return {
    conditioning: { labels: { category, vendor }, guidance },
    drawn: random ? category.map((row) => classes[row - 1]) : null,
  };
}

/**
 * What compare mode asks both models: the same labels and w for the two columns, so they stay
 * paired (same noise, same classes). Conditional only when both models are conditional on the same
 * names (the 128 px pair, once trained with labels); otherwise unconditional, as before. The w is
 * the first model's (its link value, or its index default); a random class is drawn among the
 * classes both models' evaluations found clear (none in common: every class).
 */
export function askPair(
  state: LabelKeys & Pick<AppState, 'seed' | 'guidance'>,
  entries: readonly [ModelEntry, ModelEntry],
  batch: number,
): AskedLabels {
  const labels = pairLabels(entries);
  const [first, second] = entries;
  const drawFrom = first.randomClasses.filter((name) => second.randomClasses.includes(name));
  return askLabels(state, labels, labels ? guidanceWeight(state, first) : 1, batch, drawFrom);
}

/** The pair's shared labels (the index's), or null when either model is unconditional or they differ. */
export function pairLabels(entries: readonly [ModelEntry, ModelEntry]): ModelLabels | null {
  const [a, b] = entries.map((entry) => ({ category: entry.classes, vendor: entry.vendors }));
  const same = a.category.join() === b.category.join() && a.vendor.join() === b.vendor.join();
  return same && isConditionalLabels(a) ? a : null;
}

/**
 * The link's class and vendor checked against the model's labels: for each name the model does
 * not have, a notice (as the link's other bad values get) and the default in its place. Labels the
 * model is not conditioned on are not checked (their controls are hidden; another model may have them).
 */
export function labelFallbacks(
  state: LabelKeys,
  labels: ModelLabels,
): { notices: string[]; patch: Partial<LabelKeys> } {
  const notices: string[] = [];
  const patch: Partial<LabelKeys> = {};
  const check = (key: 'class' | 'vendor', names: string[], words: string[]) => {
    if (names.length === 0 || words.includes(state[key]) || names.includes(state[key])) return;
    notices.push(tr('url.invalidValue', { raw: state[key], name: key, fallback: DEFAULT_STATE[key] }));
    patch[key] = DEFAULT_STATE[key];
  };
  check('class', labels.category, ['random', 'any']);
  check('vendor', labels.vendor, ['any']);
  return { notices, patch };
}
