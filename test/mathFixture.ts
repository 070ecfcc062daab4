// test/fixtures/math_fixture.json, written by `python3 -m train.math_fixture`: the Python side of
// the diffusion math (schedules, spacings, evaluation grids, samplers) that the TypeScript is
// checked against. Field meanings are in train/math_fixture.py.
import { readFileSync } from 'node:fs';
import type { LogSnr, Time } from '../src/math/logSnr';
import type { ScheduleSpec } from '../src/math/scheduleSpec';
import type { Spacing } from '../src/math/spacing';

/** JSON numbers carry no brand: the types say which are times and which are λ. */
export interface MathFixture {
  ids: { schedules: string[]; clipModes: string[]; spacings: string[]; samplers: string[] };
  t: Time[];
  schedules: { spec: ScheduleSpec; logsnr: number[] }[];
  spacings: { spec: ScheduleSpec; spacing: Spacing; steps: number; times: number[]; logsnr: number[] }[];
  evalGrids: {
    /** A manifest's snrlab.schedule block, in the files' spelling (parseTrainingSchedule reads it). */
    training: { name: string; logsnr_min: number; logsnr_max: number; shift: number };
    samplerShift: number;
    spacing: Spacing;
    steps: number;
    logsnr: number[];
  }[];
  samplers: {
    mu: number[];
    s: number[];
    logsnrs: LogSnr[];
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
