import { describe, expect, it } from 'vitest';
import { explorerLevels } from '../../src/math/explorerLevels';
import { cosineSchedule } from '../../src/math/schedules';

describe('explorerLevels', () => {
  const cosine = cosineSchedule();
  it('without the shift H and L share λ, and pooled H sits 2·ln s above', () => {
    const levels = explorerLevels(cosine, 0.3, 512, 64, false);
    expect(levels.logSnrHi).toBe(levels.logSnrLo);
    expect(levels.logSnrPooled - levels.logSnrLo).toBeCloseTo(2 * Math.log(8), 12);
    expect(levels.alphaHi ** 2 + levels.sigmaHi ** 2).toBeCloseTo(1, 12);
  });
  it('with the shift pooled H lands exactly on L, at every t', () => {
    for (const t of [0, 0.2, 0.5, 0.9, 1]) {
      const levels = explorerLevels(cosine, t, 1024, 32, true);
      expect(levels.logSnrHi).toBeCloseTo(cosine.logSnr(t) + 2 * Math.log(32 / 1024), 12);
      expect(levels.logSnrPooled).toBeCloseTo(levels.logSnrLo, 12);
    }
  });
});
