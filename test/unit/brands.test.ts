/**
 * The λ and t brands of src/math/logSnr.ts bite. Every line below marked @ts-expect-error hands the
 * real maths a t where a λ belongs, a λ where a t belongs, a plain number or a λ offset where a λ
 * belongs, or a t grid where a λ grid belongs. tsc reports an unused @ts-expect-error as an error,
 * so the day a brand stops biting `npm run typecheck` fails here. The same lines run under vitest:
 * a brand costs nothing at run time, so the maths takes the wrong value as a number and answers
 * something plausible, which is why the compiler is the one to catch it.
 */
import { describe, expect, it } from 'vitest';
import { explorerLevels } from '../../src/math/explorerLevels';
import { noiseToLogSnr } from '../../src/math/forwardProcess';
import { alphaFromLogSnr, alphaSquared, asLogSnr, asTime, resolutionShift } from '../../src/math/logSnr';
import { sampleDdim, type Denoiser } from '../../src/math/samplers';
import { firstFlatStep, PLAIN_COSINE, samplingLogSnrs, type SamplingSpec } from '../../src/math/samplingGrid';
import { cosineSchedule, sd3ShiftTime, timeFromLogSnr } from '../../src/math/schedules';
import { stepTimes } from '../../src/math/spacing';

const cosine = cosineSchedule();
const t = asTime(0.3);
const logSnr = cosine.logSnr(t); // ≈ 1.35
const spec: SamplingSpec = { schedule: PLAIN_COSINE, shift: 0, steps: 4, spacing: 'uniform-t' };
const blank: Denoiser = async (x) => new Float32Array(x.length);

describe('the λ and t brands', () => {
  it('cost nothing at run time: a branded value is the number itself', async () => {
    expect(asLogSnr(1.5)).toBe(1.5);
    expect(asTime(0.3)).toBe(0.3);
    expect(alphaSquared(asLogSnr(0))).toBe(0.5);
    expect(timeFromLogSnr(cosine, logSnr)).toBeCloseTo(t, 12);
    // A λ grid goes to a sampler as it is.
    expect(await sampleDdim(blank, new Float32Array(4), samplingLogSnrs(spec))).toHaveLength(4);
  });

  it('a t where a λ belongs does not compile, and would run with the wrong number', () => {
    // @ts-expect-error: a t is not a λ
    expect(alphaSquared(t)).not.toBeCloseTo(alphaSquared(logSnr), 3);
    // @ts-expect-error: a t is not a λ
    expect(timeFromLogSnr(cosine, t)).not.toBeCloseTo(t, 3);
    // @ts-expect-error: a t is not a λ
    expect(noiseToLogSnr(Float32Array.of(1), [0], t)[0]).not.toBeCloseTo(alphaFromLogSnr(logSnr), 3);
  });

  it('a λ where a t belongs does not compile', () => {
    // @ts-expect-error: a λ is not a t
    expect(cosine.logSnr(logSnr)).not.toBeCloseTo(logSnr, 3);
    // @ts-expect-error: a λ is not a t
    expect(explorerLevels(cosine, logSnr, 64, 32, false).logSnrLo).not.toBeCloseTo(logSnr, 3);
    // @ts-expect-error: a λ is not a t
    expect(sd3ShiftTime(logSnr, 3)).toBeGreaterThan(1);
    // @ts-expect-error: a λ is not a t (the start of an SDEdit resample)
    expect(() => samplingLogSnrs(spec, logSnr)).not.toThrow();
  });

  it('a plain number or a λ offset where a λ belongs does not compile: a number is branded once, where it enters', () => {
    // @ts-expect-error: a plain number is not a λ until asLogSnr says so
    expect(alphaFromLogSnr(1.5)).toBe(alphaFromLogSnr(asLogSnr(1.5)));
    // @ts-expect-error: a shift of 2·ln(64/32) nats is an offset, not a λ
    expect(alphaSquared(resolutionShift(64, 32))).toBeGreaterThan(0);
  });

  it('a t grid where a λ grid belongs does not compile', async () => {
    const times = stepTimes(cosine, 4, 'uniform-t'); // 1, 0.75, …, 0
    // @ts-expect-error: a t grid is not a λ grid
    expect(firstFlatStep(times)).toBe(1);
    // At run time only the direction of the grid gives the mistake away.
    // @ts-expect-error: a t grid is not a λ grid
    const run = sampleDdim(blank, new Float32Array(4), times);
    await expect(run).rejects.toThrow(/increase/);
  });
});
