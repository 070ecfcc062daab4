import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LARGE_SAMPLE_FILES, SAMPLES, sampleFile } from '../../src/ui/explorerContent';
import { sniffImage } from '../../src/ui/explorer/imageHeader';

// Issue 27, item 4: the photograph has a 512 px and a 2048 px file; H picks the smallest that is
// not upscaled, and only the 2048 px file is left to be fetched on demand.
describe('the bundled samples and their files', () => {
  it('H picks the smallest file of at least H px, or the largest there is', () => {
    expect([128, 256, 512].map((hi) => sampleFile('photo', hi))).toEqual(['photo.jpg', 'photo.jpg', 'photo.jpg']);
    expect([1024, 2048].map((hi) => sampleFile('photo', hi))).toEqual(['photo-2048.jpg', 'photo-2048.jpg']);
    expect(sampleFile('flat', 2048)).toBe('flat.png');
    expect(sampleFile('white-noise', 1024)).toBe('white-noise.png');
  });

  it('only files above 512 px wait for an H that needs them', () => {
    expect(LARGE_SAMPLE_FILES).toEqual(['photo-2048.jpg']);
  });

  it.each(SAMPLES.flatMap((sample) => sample.files.map((file) => [sample.id, file.file, file.size] as const)))(
    '%s: public/samples/%s is a square image of the %i px it is listed at',
    (_, file, size) => {
      const path = `public/samples/${file}`;
      expect(existsSync(path), `${path} is missing`).toBe(true);
      const sniffed = sniffImage(new Uint8Array(readFileSync(path)));
      expect(sniffed).toMatchObject({ kind: 'image', info: { width: size, height: size } });
    },
  );
});
