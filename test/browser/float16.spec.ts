// The model's float16 weights are converted by the engine's Float16Array where it has one
// (src/model/decodeWeights.ts): that conversion, in this Chromium, against the closed form of
// IEEE 754 binary16 on every bit pattern. (The decoder's layout is tested in Node against tfjs's
// own decoder: test/unit/model/decodeWeights.test.ts.)
import { expect, test } from '@playwright/test';
import { halfToFloatClosedForm } from '../halfFloat';

test('Float16Array converts every half-precision value exactly', async ({ page }) => {
  const closedForm = halfToFloatClosedForm(Uint16Array.from({ length: 65_536 }, (_, bits) => bits));
  // As float32 bit patterns: JSON has no NaN, ±Infinity or −0.
  const expectedBits = Array.from(new Uint32Array(closedForm.buffer));
  const mismatches = await page.evaluate((expected) => {
    if (typeof Float16Array !== 'function') return ['this engine has no Float16Array'];
    const converted = new Float32Array(new Float16Array(Uint16Array.from({ length: 65_536 }, (_, bits) => bits).buffer));
    const bits = new Uint32Array(converted.buffer);
    const expectedValues = new Float32Array(Uint32Array.from(expected).buffer);
    const bad: string[] = [];
    converted.forEach((value, half) => {
      // NaN payloads may differ between converters; everything else bit for bit.
      const same = Number.isNaN(expectedValues[half]) ? Number.isNaN(value) : bits[half] === expected[half];
      if (!same) bad.push(`half 0x${half.toString(16)}: ${value}, expected ${expectedValues[half]}`);
    });
    return bad;
  }, expectedBits);
  expect(mismatches).toEqual([]);
});
