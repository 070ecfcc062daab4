/**
 * Code that reproduces a ScheduleSpec exactly, in NumPy, PyTorch or TypeScript: the same formulas
 * as src/math/schedules.ts, with every constant written at full float64 precision. Pure: spec in,
 * source text out. test/unit/scheduleCode.test.ts runs the generated code of every catalogue
 * schedule (TypeScript in Node, NumPy and PyTorch in python3) against the math core and against
 * Python's numbers (test/fixtures/math_fixture.json).
 */
import { resolutionShift, sigmoid } from '../../math/logSnr';
import { SCHEDULES, SD3_SHIFT } from '../../math/scheduleCatalog';
import {
  COSINE_LOGSNR_MAX,
  COSINE_LOGSNR_MIN,
  cosineTimeRange,
  EDM_SIGMAS,
  LINEAR_BETA,
  sd3LogSnrOffset,
  SIGMOID_DEFAULTS,
} from '../../math/schedules';
import type { ScheduleSpec } from '../../math/scheduleSpec';

export const CODE_LANGUAGES = ['numpy', 'pytorch', 'typescript'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** The operations each language spells differently. */
interface Dialect {
  fn(name: 'log' | 'exp' | 'tan' | 'atan' | 'log1p' | 'expm1' | 'sqrt', x: string): string;
  clip(x: string, low: string, high: string): string;
  max(x: string, low: string): string;
  sigmoid(x: string): string;
}

const numpy: Dialect = {
  fn: (name, x) => `np.${name === 'atan' ? 'arctan' : name}(${x})`,
  clip: (x, low, high) => `np.clip(${x}, ${low}, ${high})`,
  max: (x, low) => `np.maximum(${x}, ${low})`,
  sigmoid: (x) => `(1.0 / (1.0 + np.exp(-(${x}))))`,
};
const pytorch: Dialect = {
  fn: (name, x) => `torch.${name}(${x})`,
  clip: (x, low, high) => `torch.clamp(${x}, ${low}, ${high})`,
  max: (x, low) => `torch.clamp(${x}, min=${low})`,
  sigmoid: (x) => `torch.sigmoid(${x})`,
};
const typescript: Dialect = {
  fn: (name, x) => `Math.${name}(${x})`,
  clip: (x, low, high) => `Math.min(${high}, Math.max(${low}, ${x}))`,
  max: (x, low) => `Math.max(${x}, ${low})`,
  sigmoid: (x) => `(1 / (1 + Math.exp(-(${x}))))`,
};
const DIALECTS: Record<CodeLanguage, Dialect> = { numpy, pytorch, typescript };

/** Shortest decimal that round-trips to the same float64. */
const num = (x: number): string => {
  const text = String(x);
  return /[.e]/.test(text) ? text : text + '.0';
};

/** The family's λ(t) as an expression in `t` (constants pre-computed in float64). */
function familyExpression(spec: ScheduleSpec, d: Dialect): string {
  const cosine = (extra = '') => {
    const [tMin, tMax] = cosineTimeRange();
    return `-2.0 * ${d.fn('log', d.fn('tan', `${num(tMin)} + t * (${num(tMax)} - ${num(tMin)})`))}${extra}`;
  };
  switch (spec.family) {
    case 'cosine':
      return cosine();
    case 'cosine-interpolated': {
      const { base, lo, hi } = spec.interpolation;
      const shiftLo = resolutionShift(base, lo);
      const shiftHi = resolutionShift(base, hi);
      return cosine(` + t * ${num(shiftHi)} + (1.0 - t) * ${num(shiftLo)}`);
    }
    case 'linear': {
      // −log ᾱ = β̄_min·τ + ½(β̄_max − β̄_min)·τ², τ = max(t, 1/N); λ = −A − log(−expm1(−A)).
      const betaMin = LINEAR_BETA.start * LINEAR_BETA.steps;
      const betaMax = LINEAR_BETA.end * LINEAR_BETA.steps;
      const time = d.max('t', num(1 / LINEAR_BETA.steps));
      const a = `(${num(betaMin)} * ${time} + ${num(0.5 * (betaMax - betaMin))} * ${time} * ${time})`;
      return `-${a} - ${d.fn('log', `-${d.fn('expm1', `-${a}`)}`)}`;
    }
    case 'sigmoid': {
      const { start, end, tau } = SIGMOID_DEFAULTS;
      const vStart = sigmoid(start / tau);
      const vEnd = sigmoid(end / tau);
      const inner = `(t * ${num(end - start)} + ${num(start)}) / ${num(tau)}`;
      const alphaBar = d.clip(`(${num(vEnd)} - ${d.sigmoid(inner)}) / ${num(vEnd - vStart)}`, '0.0', '1.0');
      return d.clip(
        `${d.fn('log', alphaBar)} - ${d.fn('log1p', `-${alphaBar}`)}`,
        num(COSINE_LOGSNR_MIN),
        num(COSINE_LOGSNR_MAX),
      );
    }
    case 'edm': {
      const low = EDM_SIGMAS.min ** (1 / EDM_SIGMAS.rho);
      const high = EDM_SIGMAS.max ** (1 / EDM_SIGMAS.rho);
      return `${num(-2 * EDM_SIGMAS.rho)} * ${d.fn('log', `${num(low)} + t * (${num(high)} - ${num(low)})`)}`;
    }
    case 'rectified-flow':
    case 'rectified-flow-sd3': {
      const offset = spec.family === 'rectified-flow' ? 0 : sd3LogSnrOffset(SD3_SHIFT);
      return d.clip(
        `2.0 * (${d.fn('log1p', '-t')} - ${d.fn('log', 't')}) + ${num(offset)}`,
        num(COSINE_LOGSNR_MIN),
        num(COSINE_LOGSNR_MAX),
      );
    }
  }
}

function shiftedExpression(spec: ScheduleSpec, d: Dialect): string {
  const family = familyExpression(spec, d);
  if (spec.shift === 0) return family;
  const shifted = `(${family}) + ${num(spec.shift)}`;
  return spec.clipMode === 'shift-after-clip'
    ? shifted
    : d.clip(shifted, num(COSINE_LOGSNR_MIN), num(COSINE_LOGSNR_MAX));
}

function describe(spec: ScheduleSpec): string {
  const entry = SCHEDULES[spec.family];
  const shift = spec.shift === 0 ? 'no shift' : `shifted by ${num(spec.shift)} nats (${spec.clipMode})`;
  return `${entry.label}, ${shift}. Source: ${entry.source}. Generated by SNR Lab.`;
}

/** Source code defining logsnr(t), alpha_sigma(t) for the spec. t = 0 is data, t = 1 is noise. */
export function scheduleCode(spec: ScheduleSpec, language: CodeLanguage): string {
  const d = DIALECTS[language];
  const expression = shiftedExpression(spec, d);
  if (language === 'typescript') {
    return `// ${describe(spec)}
/** logSNR λ(t) = log(α²/σ²) for t in [0, 1]. */
export function logSnr(t: number): number {
  return ${expression};
}

/** α = sqrt(sigmoid(λ)), σ = sqrt(sigmoid(−λ)) (variance preserving). */
export function alphaSigma(t: number): { alpha: number; sigma: number } {
  const lambda = logSnr(t);
  return { alpha: Math.sqrt(1 / (1 + Math.exp(-lambda))), sigma: Math.sqrt(1 / (1 + Math.exp(lambda))) };
}
`;
  }
  const module = language === 'numpy' ? 'import numpy as np' : 'import torch';
  const asArray = language === 'numpy' ? 'np.asarray(t, dtype=np.float64)' : 'torch.as_tensor(t, dtype=torch.float64)';
  const sigmoid =
    language === 'numpy' ? (x: string) => `1.0 / (1.0 + np.exp(-(${x})))` : (x: string) => `torch.sigmoid(${x})`;
  const sqrt = language === 'numpy' ? 'np.sqrt' : 'torch.sqrt';
  return `# ${describe(spec)}
${module}


def logsnr(t):
    """logSNR lambda(t) = log(alpha^2 / sigma^2) for t in [0, 1]."""
    t = ${asArray}
    return ${expression}


def alpha_sigma(t):
    """alpha = sqrt(sigmoid(lambda)), sigma = sqrt(sigmoid(-lambda)) (variance preserving)."""
    lam = logsnr(t)
    return ${sqrt}(${sigmoid('lam')}), ${sqrt}(${sigmoid('-lam')})
`;
}
