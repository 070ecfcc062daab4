import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/ui/explorer/imageHeader';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/images/${name}`));

describe('sniffImage', () => {
  it('reads PNG, JPEG (past EXIF), GIF sizes from their headers', () => {
    expect(sniffImage(fixture('hundred-megapixel.png'))).toEqual({
      kind: 'image',
      info: { format: 'png', width: 10000, height: 10000 },
    });
    // Stored 240×120; the EXIF rotation is applied by the decoder, not the header.
    expect(sniffImage(fixture('exif-rotated.jpg'))).toEqual({
      kind: 'image',
      info: { format: 'jpeg', width: 240, height: 120 },
    });
    expect(sniffImage(fixture('cmyk.jpg'))).toEqual({
      kind: 'image',
      info: { format: 'jpeg', width: 128, height: 128 },
    });
    expect(sniffImage(fixture('animated.gif'))).toEqual({
      kind: 'image',
      info: { format: 'gif', width: 96, height: 96 },
    });
    expect(sniffImage(readPublic('samples/photo.jpg'))).toEqual({
      kind: 'image',
      info: { format: 'jpeg', width: 512, height: 512 },
    });
  });

  it('names what a non-image is', () => {
    expect(sniffImage(fixture('document-named.png'))).toEqual({ kind: 'not-image', what: 'a PDF document' });
    expect(sniffImage(fixture('notes-named.png'))).toEqual({ kind: 'not-image', what: 'a text file' });
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><image href="http://example.com/x.png"/></svg>',
    );
    expect(sniffImage(svg)).toMatchObject({ kind: 'not-image', what: expect.stringMatching(/SVG/) });
    expect(sniffImage(new Uint8Array([0, 1, 2, 3, 250, 251, 0, 0]))).toMatchObject({ kind: 'not-image' });
    expect(sniffImage(fixture('photo.heic'))).toMatchObject({ kind: 'not-image', what: expect.stringMatching(/HEIC/) });
  });

  it('survives headers cut short', () => {
    const png = fixture('transparent.png');
    for (const length of [0, 1, 4, 8, 12, 20]) expect(() => sniffImage(png.subarray(0, length))).not.toThrow();
    const jpeg = fixture('exif-rotated.jpg');
    for (const length of [3, 10, 40, 200]) {
      const result = sniffImage(jpeg.subarray(0, length));
      expect(result.kind).toBe('image');
    }
  });
});

function readPublic(path: string): Uint8Array {
  return new Uint8Array(readFileSync(`public/${path}`));
}
