// test/fixtures/math_fixture.json, written by `python3 -m train.math_fixture`: the Python side of
// the diffusion math (schedules, spacings, evaluation grids, samplers) that the TypeScript is
// checked against. Field meanings are in train/math_fixture.py.
import { readFileSync } from 'node:fs';
import type { ScheduleSpec } from '../src/math/scheduleSpec';
import type { Spacing } from '../src/math/spacing';

export interface MathFixture {
  ids: { schedules: string[]; clipModes: string[]; spacings: string[]; samplers: string[] };
  t: number[];
  schedules: { spec: ScheduleSpec; logsnr: number[] }[];
  spacings: { spec: ScheduleSpec; spacing: Spacing; steps: number; times: number[]; logsnr: number[] }[];
  evalGrids: {
    training: { logsnrMin: number; logsnrMax: number; shift: number };
    samplerShift: number;
    spacing: Spacing;
    steps: number;
    logsnr: number[];
  }[];
  samplers: {
    mu: number[];
    s: number[];
    logsnrs: number[];
    x_T: number[];
    noise: number[][];
    runs: { sampler: string; eta: number; x: number[][]; x0: number[][] }[];
  };
}

export const MATH_FIXTURE_PATH = 'test/fixtures/math_fixture.json';

export const loadMathFixture = (): MathFixture => JSON.parse(readFileSync(MATH_FIXTURE_PATH, 'utf8')) as MathFixture;

/** "cosine-interpolated 16/512, −4.159 nats clip-after-shift": a spec in a failure message. */
export function specName(spec: ScheduleSpec): string {
  const { base, lo, hi } = spec.interpolation;
  const family = spec.family === 'cosine-interpolated' ? `${spec.family} ${base}:${lo}→${hi}` : spec.family;
  return spec.shift === 0 ? family : `${family}, shift ${spec.shift.toFixed(3)} ${spec.clipMode}`;
}
