import { describe, expect, it } from 'vitest';
import { explorerLevels, pooledMix } from '../../src/math/explorerLevels';
import { alphaSquared, asTime, sigmaSquared } from '../../src/math/logSnr';
import { cosineSchedule } from '../../src/math/schedules';

describe('explorerLevels', () => {
  const cosine = cosineSchedule();
  it('without the shift H and L share λ, and pooled H sits 2·ln s above', () => {
    const levels = explorerLevels(cosine, asTime(0.3), 512, 64, false);
    expect(levels.logSnrHi).toBe(levels.logSnrLo);
    expect(levels.logSnrPooled - levels.logSnrLo).toBeCloseTo(2 * Math.log(8), 12);
    expect(levels.alphaHi ** 2 + levels.sigmaHi ** 2).toBeCloseTo(1, 12);
  });
  it('with the shift pooled H lands exactly on L, at every t', () => {
    for (const t of [0, 0.2, 0.5, 0.9, 1].map(asTime)) {
      const levels = explorerLevels(cosine, t, 1024, 32, true);
      expect(levels.logSnrHi).toBeCloseTo(cosine.logSnr(t) + 2 * Math.log(32 / 1024), 12);
      expect(levels.logSnrPooled).toBeCloseTo(levels.logSnrLo, 12);
    }
  });
  it("the readouts' α² and σ² come from λ, exact at the explorer's most extreme level", () => {
    // t = 0, H/L = 1024/32, no shift: the pooled λ is 15 + 2·ln 32 ≈ 21.9, so σ² ≈ 3e-10.
    const levels = explorerLevels(cosine, asTime(0), 1024, 32, false);
    const logSnr = levels.logSnrPooled;
    expect(logSnr).toBeCloseTo(15 + 2 * Math.log(32), 9);
    const sigmaSq = sigmaSquared(logSnr);
    expect(sigmaSq / (Math.exp(-logSnr) / (1 + Math.exp(-logSnr)))).toBeCloseTo(1, 14);
    expect(sigmaSq / levels.sigmaPooled ** 2).toBeCloseTo(1, 12);
    // σ² taken as 1 − α² would keep only about 6 of its digits.
    expect(Math.abs(1 - alphaSquared(logSnr) - sigmaSq) / sigmaSq).toBeGreaterThan(1e-8);
  });
  it('the re-normalised pooled mix is a unit-variance x_t at λ_H + 2·ln s, the plain one α_H, σ_H', () => {
    for (const [t, shift] of [
      [0.3, false],
      [0.55, true],
      [0.9, true],
    ] as const) {
      const levels = explorerLevels(cosine, asTime(t), 512, 64, shift);
      const s = 8;
      const unit = pooledMix(levels, s, 'unit');
      // pool(x_t) / sqrt(α_H² + σ_H²/s²), term by term (pool(ε) has variance 1/s²)
      const norm = Math.sqrt(levels.alphaHi ** 2 + levels.sigmaHi ** 2 / s ** 2);
      expect(unit.signalScale).toBeCloseTo(levels.alphaHi / norm, 12);
      expect(unit.noiseScale).toBeCloseTo(levels.sigmaHi / norm, 12);
      // unit variance: signal² + (noise/s)² = 1, and its logSNR is logSnrPooled
      expect(unit.signalScale ** 2 + (unit.noiseScale / s) ** 2).toBeCloseTo(1, 12);
      expect(2 * Math.log(unit.signalScale / (unit.noiseScale / s))).toBeCloseTo(levels.logSnrPooled, 9);
      if (shift) {
        expect(unit.signalScale).toBeCloseTo(levels.alphaLo, 12);
        expect(unit.noiseScale / s).toBeCloseTo(levels.sigmaLo, 12);
      }
      expect(pooledMix(levels, s, 'raw')).toEqual({ signalScale: levels.alphaHi, noiseScale: levels.sigmaHi });
    }
  });
});
