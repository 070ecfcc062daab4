/**
 * Recognises an image file from its first bytes and reads its pixel size from the header, so a
 * 100-megapixel image is refused before the browser decodes (and allocates) it, and a PDF named
 * .png is named for what it is. Pure: bytes in, facts out.
 */

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp' | 'avif';

export interface HeaderInfo {
  format: ImageFormat;
  /** Pixel size when the header states it (null where the decoder must tell). */
  width: number | null;
  height: number | null;
}

export type Sniffed = { kind: 'image'; info: HeaderInfo } | { kind: 'not-image'; what: string };

const ascii = (bytes: Uint8Array, from: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(from, from + length));

/** What the first bytes of a file say it is. `bytes` should hold at least the first 64 KiB. */
export function sniffImage(bytes: Uint8Array): Sniffed {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (n: number) => bytes.length >= n;
  if (has(24) && ascii(bytes, 1, 3) === 'PNG' && bytes[0] === 0x89) {
    const isIhdr = ascii(bytes, 12, 4) === 'IHDR';
    return {
      kind: 'image',
      info: { format: 'png', width: isIhdr ? view.getUint32(16) : null, height: isIhdr ? view.getUint32(20) : null },
    };
  }
  if (has(3) && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return { kind: 'image', info: { format: 'jpeg', ...jpegSize(bytes, view) } };
  }
  if (has(10) && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) {
    return { kind: 'image', info: { format: 'gif', width: view.getUint16(6, true), height: view.getUint16(8, true) } };
  }
  if (has(16) && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    return { kind: 'image', info: { format: 'webp', ...webpSize(bytes, view) } };
  }
  if (has(26) && ascii(bytes, 0, 2) === 'BM') {
    return {
      kind: 'image',
      info: { format: 'bmp', width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) },
    };
  }
  if (has(12) && ascii(bytes, 4, 4) === 'ftyp' && /avi[fs]/.test(ascii(bytes, 8, 4))) {
    return { kind: 'image', info: { format: 'avif', width: null, height: null } };
  }
  return { kind: 'not-image', what: describeNonImage(bytes) };
}

function describeNonImage(bytes: Uint8Array): string {
  const head = ascii(bytes, 0, Math.min(bytes.length, 256)).trimStart();
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/i.test(head) || /<svg[\s>]/i.test(head)) {
    return 'an SVG drawing (vector images are not supported: export it as PNG)';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
    return 'a ZIP archive';
  // HEIC/HEIF (phone photos): an ISO-BMFF 'ftyp' box with a HEIF brand. Chromium and Firefox do not
  // decode it, so it is named rather than left to fail as "corrupt".
  if (
    bytes.length >= 12 &&
    ascii(bytes, 4, 4) === 'ftyp' &&
    /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(ascii(bytes, 8, 4))
  )
    return 'a HEIC/HEIF photo, which this browser cannot decode: save it as JPEG';
  const sample = bytes.subarray(0, Math.min(bytes.length, 512));
  const printable = sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 128);
  return printable ? 'a text file' : 'not a format SNR Lab can read';
}

/** Width and height from the first SOFn marker of a JPEG. */
function jpegSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return { width: null, height: null };
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const length = view.getUint16(offset + 2);
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return { width: null, height: null };
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number | null; height: number | null } {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const width = 1 + (bytes[24] | (bytes[25] << 8) | (bytes[26] << 16));
    const height = 1 + (bytes[27] | (bytes[28] << 8) | (bytes[29] << 16));
    return { width, height };
  }
  if (chunk === 'VP8 ' && bytes.length >= 30) {
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  return { width: null, height: null };
}
