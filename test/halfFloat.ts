/**
 * IEEE 754 binary16 → float32 from the standard's closed form, for tests only: sign · 2^(e−15) ·
 * (1 + m/1024) for normal numbers, sign · 2^−14 · m/1024 for subnormals, ±∞ and NaN for e = 31.
 */
export function halfToFloatClosedForm(halves: Uint16Array): Float32Array {
  return Float32Array.from(halves, (bits) => {
    const sign = bits & 0x8000 ? -1 : 1;
    const exponent = (bits >> 10) & 0x1f;
    const mantissa = bits & 0x3ff;
    if (exponent === 0) return sign * 2 ** -14 * (mantissa / 1024);
    if (exponent === 31) return mantissa === 0 ? sign * Infinity : NaN;
    return sign * 2 ** (exponent - 15) * (1 + mantissa / 1024);
  });
}
