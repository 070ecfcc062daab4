import { describe, expect, it } from 'vitest';
import {
  alphaFromLogSnr,
  alphaSquared,
  asLogSnr,
  logSnrToDb,
  resolutionShift,
  sigmaFromLogSnr,
  sigmaSquared,
} from '../../src/math/logSnr';

describe('logSNR conversions', () => {
  it('α² + σ² = 1 and λ round-trips, including the extremes ±30', () => {
    for (const logSnr of [-30, -15, -4.159, -1, 0, 0.5, 3, 15, 30].map(asLogSnr)) {
      const alpha = alphaFromLogSnr(logSnr);
      const sigma = sigmaFromLogSnr(logSnr);
      expect(Number.isFinite(alpha) && Number.isFinite(sigma)).toBe(true);
      expect(alpha * alpha + sigma * sigma).toBeCloseTo(1, 12);
      expect(2 * Math.log(alpha / sigma)).toBeCloseTo(logSnr, 9); // λ = log(α²/σ²)
      expect(alphaSquared(logSnr) + sigmaSquared(logSnr)).toBeCloseTo(1, 14);
    }
  });

  it('keeps precision where naive forms underflow', () => {
    // σ² at λ = 30 is e^-30/(1+e^-30) ≈ 9.36e-14: a naive 1 − α² would give a few ulps of 1.
    expect(sigmaSquared(asLogSnr(30)) / Math.exp(-30)).toBeCloseTo(1, 10);
    expect(alphaSquared(asLogSnr(-700))).toBeGreaterThan(0);
  });

  it('converts to decibels: λ = ln 64 is 18.06 dB', () => {
    expect(logSnrToDb(Math.log(64))).toBeCloseTo(18.0618, 4);
    expect(logSnrToDb(-Math.log(64))).toBeCloseTo(-18.0618, 4);
  });

  it('the 512 → 64 resolution shift is −2·ln 8 = −4.159 nats', () => {
    expect(resolutionShift(64, 512)).toBeCloseTo(-4.158883, 6);
    expect(resolutionShift(64, 64)).toBe(0);
  });
});
