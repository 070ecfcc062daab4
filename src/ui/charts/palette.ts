/**
 * Line colours for every chart, in one place. The first seven are Okabe & Ito's colour-blind-safe
 * set ("Color Universal Design", 2008; its yellow left out: too faint on white); the rest come from
 * Tableau 10 and Vega's purple, added because the lab can draw twelve curves at once. Chosen so
 * that every pair differs by at least 22 in CIELAB ΔE76 (checked in test/unit/palette.test.ts).
 */
export const PALETTE = {
  blue: '#0072b2',
  vermillion: '#d55e00',
  orange: '#e69f00',
  skyBlue: '#56b4e9',
  bluishGreen: '#009e73',
  reddishPurple: '#cc79a7',
  black: '#000000',
  brown: '#9c755f',
  grey: '#bab0ac',
  yellow: '#edc948',
  purple: '#7f3c8d',
  pink: '#ff9da7',
} as const;

/** The original schedule, the clean image: the reference curve in each chart. */
export const ORIGINAL_COLOR = PALETTE.blue;
/** The shifted schedule, the noise: what the argument moves. */
export const SHIFTED_COLOR = PALETTE.vermillion;
/** Overlaid schedules, in the order they are listed. */
export const OVERLAY_COLORS = [
  PALETTE.orange,
  PALETTE.skyBlue,
  PALETTE.bluishGreen,
  PALETTE.reddishPurple,
  PALETTE.brown,
  PALETTE.grey,
];
/** Each equivalence pair: a wide light line, and its partner dashed and dark on top of it. */
export const EQUIVALENCE_COLORS = {
  sd3Time: PALETTE.pink,
  sd3LogSnr: PALETTE.black,
  scaleInput: PALETTE.yellow,
  scaleLogSnr: PALETTE.purple,
};
/** Marked positions (the explorer's t, the crossing and cut-off lines in the spectrum). */
export const MARKER_COLOR = '#57606a';

/** CIELAB ΔE76 between two '#rrggbb' colours: how far apart they look (about 2.3 is just noticeable). */
export function colorDistance(first: string, second: string): number {
  const [l1, a1, b1] = hexToLab(first);
  const [l2, a2, b2] = hexToLab(second);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

/** sRGB '#rrggbb' → CIELAB (D65 white). */
function hexToLab(hex: string): [number, number, number] {
  const [red, green, blue] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047;
  const y = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  const z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883;
  const f = (v: number) => (v > 0.008856 ? Math.cbrt(v) : 7.787 * v + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
