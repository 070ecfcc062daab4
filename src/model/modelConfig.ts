/**
 * The architecture config stored in model.json (snrlab.architecture), and the exact list of weights
 * (PyTorch state_dict names, exported layouts) that config implies. Loading checks the manifest
 * against this list, so a renamed, missing or mis-shaped tensor is an error before any sampling.
 */

export interface ModelConfig {
  imageSize: number;
  inChannels: number;
  patchSize: number;
  /** Channels per U-Net level, e.g. [32, 64, 96] at 32, 16, 8 px. */
  channels: number[];
  numResBlocks: number;
  attnHeads: number;
  groups: number;
  embDim: number;
  /** Fixed Fourier frequencies of the λ embedding (float32 values from the exporter). */
  fourierFrequencies: number[];
  groupNormEps: number;
  /** Rows of class_emb besides the "unknown" row 0; 0: not conditioned on the category. */
  numClasses: number;
  /** Rows of vendor_emb besides row 0; 0: not conditioned on the vendor. */
  numVendors: number;
  /**
   * The gated high-frequency pass (train/model.py HfPass): the λ above which its gain stops
   * growing, from the manifest; null for a model without the pass.
   */
  hfPassMaxLogSnr: number | null;
  /**
   * The pass's coarse gate (train/model.py HfPass with hf_pass_coarse): the band's outer scale in
   * patches (the band is each patch's mean minus the mean over k × k patches), from the manifest;
   * null for a model without it.
   */
  hfPassCoarsePatches: number | null;
}

/**
 * snrlab.labels: the names of a conditional model's labels, names[i] being table row i + 1 (row 0
 * is the learned "unknown" token, the unconditional one). Empty lists for a label the model is not
 * conditioned on.
 */
export interface ModelLabels {
  category: string[];
  vendor: string[];
}

/** A weight the network needs: its state_dict name and its shape in the exported layout. */
export interface WeightSpec {
  name: string;
  shape: number[];
}

const isPositiveInt = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
/** Label names go into the URL (class=NAME) and are looked up in the translations. */
const LABEL_NAME = /^[a-z]+(-[a-z]+)*$/;

/** Reads snrlab.architecture, with a clear message for the first thing that is wrong. */
export function parseModelConfig(architecture: unknown): ModelConfig {
  if (typeof architecture !== 'object' || architecture === null)
    throw new Error('model.json has no snrlab.architecture');
  const a = architecture as Record<string, unknown>;
  const int = (key: string): number => {
    if (!isPositiveInt(a[key])) throw new Error(`model.json: snrlab.architecture.${key} must be a positive integer`);
    return a[key] as number;
  };
  // Absent in the models trained before conditioning: they are unconditional.
  const count = (key: string): number => {
    if (a[key] === undefined) return 0;
    if (!isCount(a[key])) throw new Error(`model.json: snrlab.architecture.${key} must be an integer ≥ 0`);
    return a[key] as number;
  };
  const channels = a.channels;
  if (!Array.isArray(channels) || channels.length < 1 || !channels.every(isPositiveInt)) {
    throw new Error('model.json: snrlab.architecture.channels must be a list of positive integers');
  }
  const frequencies = a.fourier_frequencies;
  if (!Array.isArray(frequencies) || !frequencies.every((f) => typeof f === 'number' && Number.isFinite(f))) {
    throw new Error('model.json: snrlab.architecture.fourier_frequencies must be a list of numbers');
  }
  const config: ModelConfig = {
    imageSize: int('image_size'),
    inChannels: int('in_channels'),
    patchSize: int('patch_size'),
    channels: channels as number[],
    numResBlocks: int('num_res_blocks'),
    attnHeads: int('attn_heads'),
    groups: int('groups'),
    embDim: int('emb_dim'),
    fourierFrequencies: frequencies as number[],
    groupNormEps: typeof a.groupnorm_eps === 'number' ? a.groupnorm_eps : 1e-5,
    numClasses: count('num_classes'),
    numVendors: count('num_vendors'),
    hfPassMaxLogSnr: hfPassCap(a),
    hfPassCoarsePatches: hfPassCoarseScale(a),
  };
  const grid = config.imageSize / config.patchSize;
  if (config.hfPassCoarsePatches !== null && grid % config.hfPassCoarsePatches !== 0) {
    throw new Error(
      `model.json: hf_pass_coarse_patches (${config.hfPassCoarsePatches}) does not divide the ${grid}-patch grid`,
    );
  }
  if (config.fourierFrequencies.length !== int('fourier_freqs')) {
    throw new Error('model.json: fourier_frequencies does not have fourier_freqs entries');
  }
  for (const c of config.channels) {
    if (c % config.groups !== 0) throw new Error(`model.json: ${c} channels do not split into ${config.groups} groups`);
  }
  if (config.channels[config.channels.length - 1] % config.attnHeads !== 0) {
    throw new Error('model.json: the attention width does not split into attn_heads');
  }
  return config;
}

/** architecture.hf_pass (absent in the models trained before it: no pass) and its gain's cap. */
function hfPassCap(a: Record<string, unknown>): number | null {
  if (a.hf_pass === undefined || a.hf_pass === false) return null;
  if (a.hf_pass !== true) throw new Error('model.json: snrlab.architecture.hf_pass must be true or false');
  const cap = a.hf_pass_max_logsnr;
  if (typeof cap !== 'number' || !Number.isFinite(cap)) {
    throw new Error('model.json: a model with hf_pass needs snrlab.architecture.hf_pass_max_logsnr (a number)');
  }
  return cap;
}

/** architecture.hf_pass_coarse (absent before it: no coarse gate) and the band's outer scale. */
function hfPassCoarseScale(a: Record<string, unknown>): number | null {
  if (a.hf_pass_coarse === undefined || a.hf_pass_coarse === false) return null;
  if (a.hf_pass_coarse !== true)
    throw new Error('model.json: snrlab.architecture.hf_pass_coarse must be true or false');
  if (a.hf_pass !== true)
    throw new Error('model.json: hf_pass_coarse is a part of the high-frequency pass: it needs hf_pass');
  if (!isPositiveInt(a.hf_pass_coarse_patches)) {
    throw new Error(
      'model.json: a model with hf_pass_coarse needs snrlab.architecture.hf_pass_coarse_patches (a positive integer)',
    );
  }
  return a.hf_pass_coarse_patches;
}

/** A model conditioned on a class label or a vendor (classifier-free guidance applies to it). */
export const isConditional = (config: ModelConfig): boolean => config.numClasses > 0 || config.numVendors > 0;

/**
 * Reads snrlab.labels against the architecture: one lowercase name per table row past the
 * "unknown" row, for each label the model is conditioned on. null for an unconditional model.
 */
export function parseModelLabels(labels: unknown, config: ModelConfig): ModelLabels | null {
  if (!isConditional(config)) {
    if (labels !== undefined) throw new Error('model.json: snrlab.labels is given, but the model is not conditional');
    return null;
  }
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    throw new Error('model.json: a conditional model needs snrlab.labels {category: [...], vendor: [...]}');
  }
  const l = labels as Record<string, unknown>;
  const names = (key: 'category' | 'vendor', expected: number, countKey: string): string[] => {
    const list = l[key] ?? [];
    if (!Array.isArray(list) || !list.every((name) => typeof name === 'string' && LABEL_NAME.test(name))) {
      throw new Error(`model.json: snrlab.labels.${key} must be a list of names of lowercase letters and dashes`);
    }
    if (list.length !== expected) {
      throw new Error(
        `model.json: snrlab.labels.${key} has ${list.length} names, but architecture.${countKey} is ${expected}`,
      );
    }
    if (new Set(list).size !== list.length) throw new Error(`model.json: snrlab.labels.${key} names a label twice`);
    return list as string[];
  };
  return {
    category: names('category', config.numClasses, 'num_classes'),
    vendor: names('vendor', config.numVendors, 'num_vendors'),
  };
}

/** Every weight of train/model.py's UNet for `config`, in state_dict order. */
export function expectedWeights(config: ModelConfig): WeightSpec[] {
  const specs: WeightSpec[] = [];
  const conv = (name: string, cin: number, cout: number, k: number) =>
    specs.push({ name: `${name}.weight`, shape: [k, k, cin, cout] }, { name: `${name}.bias`, shape: [cout] });
  const linear = (name: string, cin: number, cout: number) =>
    specs.push({ name: `${name}.weight`, shape: [cin, cout] }, { name: `${name}.bias`, shape: [cout] });
  const norm = (name: string, c: number) =>
    specs.push({ name: `${name}.weight`, shape: [c] }, { name: `${name}.bias`, shape: [c] });
  const resBlock = (name: string, cin: number, cout: number) => {
    norm(`${name}.norm1`, cin);
    conv(`${name}.conv1`, cin, cout, 3);
    linear(`${name}.emb`, config.embDim, cout);
    norm(`${name}.norm2`, cout);
    conv(`${name}.conv2`, cout, cout, 3);
    if (cin !== cout) conv(`${name}.skip`, cin, cout, 1);
  };
  const { channels } = config;
  const patchChannels = config.patchSize ** 2 * config.inChannels;
  linear('embed.linear1', 2 * config.fourierFrequencies.length, config.embDim);
  linear('embed.linear2', config.embDim, config.embDim);
  // Label tables, not transposed: row i is label i, row 0 the "unknown" token (exported as "embedding").
  if (config.numClasses > 0) specs.push({ name: 'class_emb.weight', shape: [config.numClasses + 1, config.embDim] });
  if (config.numVendors > 0) specs.push({ name: 'vendor_emb.weight', shape: [config.numVendors + 1, config.embDim] });
  conv('stem', patchChannels, channels[0], 3);
  const skipChannels = [channels[0]];
  let c = channels[0];
  channels.forEach((cLevel, i) => {
    for (let j = 0; j < config.numResBlocks; j++) {
      resBlock(`down.${i}.${j}`, c, cLevel);
      c = cLevel;
      skipChannels.push(c);
    }
    if (i < channels.length - 1) skipChannels.push(c);
  });
  resBlock('mid1', c, c);
  norm('attn.norm', c);
  linear('attn.qkv', c, 3 * c);
  linear('attn.proj', c, c);
  resBlock('mid2', c, c);
  let upIndex = 0;
  for (let i = channels.length - 1; i >= 0; i--, upIndex++) {
    for (let j = 0; j <= config.numResBlocks; j++) {
      resBlock(`up.${upIndex}.${j}`, c + skipChannels.pop()!, channels[i]);
      c = channels[i];
    }
    if (i > 0) conv(`upsample.${upIndex}.conv`, c, c, 3);
  }
  norm('out_norm', c);
  conv('out_conv', c, patchChannels, 3);
  if (config.hfPassMaxLogSnr !== null) conv('hf_pass.gate', c, patchChannels, 3);
  if (config.hfPassCoarsePatches !== null) conv('hf_pass.coarse', c, config.inChannels, 3);
  return specs;
}
