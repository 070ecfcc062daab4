import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, formatHash, HI_SIZES, LO_SIZES, parseHash, type AppState } from '../../src/ui/urlState';
import { SCHEDULE_IDS } from '../../src/math/scheduleCatalog';

describe('URL state table', () => {
  it('round-trips every value of every key', () => {
    const variants: Partial<AppState>[] = [
      ...SCHEDULE_IDS.map((schedule) => ({ schedule })),
      ...HI_SIZES.map((hi) => ({ hi, lo: 16 })),
      ...LO_SIZES.map((lo) => ({ lo, hi: 2048 })),
      { t: 0 },
      { t: 1 },
      { t: 0.1234 },
      { shift: 'auto' },
      { pooled: 'raw', present: 'on' },
      { seed: 0 },
      { seed: 0xffffffff },
      { chart: 'effective' },
      { shiftBy: 'nats', nats: -4.158883083359672 },
      { base: 32, target: 2048 },
      { clip: 'clip-after-shift' },
      { interpLo: 16, interpHi: 1024 },
      { overlay: ['linear', 'edm', 'rectified-flow-sd3'] },
      { overlay: [] },
      { steps: 1 },
      { steps: 1000, spacing: 'trailing' },
      { spacing: 'uniform-logsnr' },
      { equiv: 'on', sd3k: 3.5, scale: 0.25 },
      { backend: 'wasm', sampler: 'ddim', eta: 0.3, batch: 16 },
      { backend: 'webgpu', sampler: 'ddpm', batch: 1 },
      { source: 'lab', sshift: -2.25 },
      { model: 'emoji128-shifted' },
      { model: 'emoji128-cosine', compare: true },
      { compare: true, swap: true },
      { model: 'emoji64', compare: false, swap: true },
      { lesson: 1 },
      { lesson: 8, embed: 'lesson' },
      { embed: 'explorer' },
      { embed: 'lab', lang: 'zh' },
      { embed: 'sampler', lang: 'en' },
      { lang: 'zh' },
      { class: 'smileys', vendor: 'google', guidance: 3 },
      { class: 'any', vendor: 'twitter', guidance: 0 },
      { class: 'random', guidance: 8 },
      { class: 'food-and-drink', guidance: 2.5 },
    ];
    for (const variant of variants) {
      const state = { ...DEFAULT_STATE, ...variant };
      const parsed = parseHash(formatHash(state));
      expect(parsed.notices).toEqual([]);
      expect(parsed.state).toEqual(state);
    }
  });

  it('falls back per key with a notice for invalid values', () => {
    const parsed = parseHash('#t=1.5&schedule=banana&hi=300&seed=-1&shift=auto&bogus=1');
    expect(parsed.state).toEqual({ ...DEFAULT_STATE, shift: 'auto' });
    expect(parsed.notices).toHaveLength(5);
    expect(parsed.notices.join(' ')).toMatch(/1\.5.*not a valid t/);
  });

  it('rejects out-of-range lab values one by one', () => {
    const parsed = parseHash('#steps=0&spacing=leading&overlay=cosine,cosine&nats=99&sd3k=abc&base=1.5');
    expect(parsed.state).toEqual(DEFAULT_STATE);
    expect(parsed.notices).toHaveLength(6);
  });

  it('reads model, compare and swap, and rejects bad ones with a notice each', () => {
    const good = parseHash('#model=emoji128-shifted&compare=1&swap=1');
    expect(good.notices).toEqual([]);
    expect(good.state).toEqual({ ...DEFAULT_STATE, model: 'emoji128-shifted', compare: true, swap: true });
    expect(formatHash(good.state)).toContain('model=emoji128-shifted&compare=1&swap=1');
    const bad = parseHash('#model=../evil&compare=yes&swap=2');
    expect(bad.state).toEqual(DEFAULT_STATE);
    expect(bad.notices).toHaveLength(3);
    expect(bad.notices[0]).toMatch(/not a valid model; using emoji64/);
    expect(bad.notices[1]).toMatch(/not a valid compare; using 0/);
  });

  it('reads class, vendor and guidance, and rejects bad ones with a notice each', () => {
    const good = parseHash('#class=flags&vendor=google&guidance=3.5');
    expect(good.notices).toEqual([]);
    expect(good.state).toEqual({ ...DEFAULT_STATE, class: 'flags', vendor: 'google', guidance: 3.5 });
    expect(DEFAULT_STATE).toMatchObject({ class: 'random', vendor: 'any', guidance: 'default' });
    const bad = parseHash('#class=Flags!&vendor=%3Cb%3E&guidance=9');
    expect(bad.state).toEqual(DEFAULT_STATE);
    expect(bad.notices).toHaveLength(3);
    expect(bad.notices[0]).toMatch(/not a valid class; using random/);
    expect(bad.notices[1]).toMatch(/not a valid vendor; using any/);
    expect(bad.notices[2]).toMatch(/“9” is not a valid guidance; using default/);
    expect(parseHash('#guidance=-1').notices).toHaveLength(1);
    expect(parseHash('#guidance=abc').state.guidance).toBe('default');
  });

  it('rejects L that does not divide H', () => {
    const parsed = parseHash('#hi=128&lo=256');
    expect(parsed.state.hi).toBe(DEFAULT_STATE.hi);
    expect(parsed.notices.join(' ')).toMatch(/does not divide/);
  });

  it('survives garbage and a 100 kB hash', () => {
    expect(parseHash('#%%%&&==%E0%A4%A').state).toEqual(DEFAULT_STATE);
    const huge = parseHash('#t=' + '9'.repeat(100_000));
    expect(huge.state).toEqual(DEFAULT_STATE);
    expect(huge.notices[0]).toMatch(/ignored/);
    expect(parseHash('').notices).toEqual([]);
  });

  it('falls back on a bad lesson, embed or lang, and takes the default language it is given', () => {
    const parsed = parseHash('#lesson=9&embed=page&lang=fr');
    expect(parsed.state).toEqual(DEFAULT_STATE);
    expect(parsed.notices).toHaveLength(3);
    expect(parseHash('#t=0.2', { ...DEFAULT_STATE, lang: 'zh' }).state.lang).toBe('zh');
    expect(parseHash('#lang=en', { ...DEFAULT_STATE, lang: 'zh' }).state.lang).toBe('en');
  });
});
