/**
 * Turns a user's file into a decoded bitmap, or a clear reason why not. Nothing here touches the
 * app's current image: a failure leaves the previous state as it was.
 */
import { sniffImage } from './imageHeader';
import { tr } from '../i18n/i18n';

/** The largest image we decode: 40 megapixels (≈ 160 MB of RGBA while decoding). */
export const MAX_SOURCE_PIXELS = 40_000_000;

export interface DecodedImage {
  bitmap: ImageBitmap;
  name: string;
  /** Facts the user should know about how the file was read (transparency, animation, …). */
  notices: string[];
}

export type DecodeResult = { ok: true; image: DecodedImage } | { ok: false; message: string };

const SNIFF_BYTES = 64 * 1024;

/** imageHeader names what a file is in English (its tests read those words); the translation keys of each. */
const WHAT_KEYS: Record<string, string> = {
  'a PDF document': 'pdf',
  'an SVG drawing (vector images are not supported: export it as PNG)': 'svg',
  'a ZIP archive': 'zip',
  'a HEIC/HEIF photo, which this browser cannot decode: save it as JPEG': 'heic',
  'a text file': 'text',
  'not a format SNR Lab can read': 'unknown',
};

/** Decodes `file` honouring EXIF orientation; animated images give their first frame. */
export async function decodeImageFile(file: Blob, name: string): Promise<DecodeResult> {
  if (file.size === 0) return { ok: false, message: tr('decode.empty', { name }) };
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'not-image') {
    return {
      ok: false,
      message: tr('decode.notImage', { name, what: tr(`decode.what.${WHAT_KEYS[sniffed.what] ?? 'unknown'}`) }),
    };
  }
  const { width, height, format } = sniffed.info;
  if (width !== null && height !== null && width * height > MAX_SOURCE_PIXELS) {
    return {
      ok: false,
      message: tr('decode.overBudgetSized', {
        name,
        width,
        height,
        megapixels: ((width * height) / 1e6).toFixed(0),
        budget: MAX_SOURCE_PIXELS / 1e6,
      }),
    };
  }
  if (width === 0 || height === 0) return { ok: false, message: tr('decode.zeroSize', { name, width, height }) };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image', premultiplyAlpha: 'none' });
  } catch {
    return {
      ok: false,
      message: tr('decode.corrupt', { name, format: format.toUpperCase() }),
    };
  }
  if (bitmap.width * bitmap.height > MAX_SOURCE_PIXELS) {
    bitmap.close();
    return {
      ok: false,
      message: tr('decode.overBudget', { name, budget: MAX_SOURCE_PIXELS / 1e6 }),
    };
  }
  const notices: string[] = [];
  if (await isAnimated(file, format)) notices.push(tr('decode.animated', { name }));
  return { ok: true, image: { bitmap, name, notices } };
}

/** Uses WebCodecs' ImageDecoder where the browser has it to tell animated GIF/WebP/PNG apart. */
async function isAnimated(file: Blob, format: string): Promise<boolean> {
  const Decoder = (globalThis as { ImageDecoder?: ImageDecoderConstructor }).ImageDecoder;
  if (!Decoder || !['gif', 'webp', 'png'].includes(format)) return false;
  try {
    const decoder = new Decoder({ data: file.stream(), type: `image/${format}` });
    await decoder.tracks.ready;
    const animated = decoder.tracks.selectedTrack?.animated ?? false;
    decoder.close();
    return animated;
  } catch {
    return false;
  }
}

interface ImageDecoderConstructor {
  new (init: { data: ReadableStream<Uint8Array>; type: string }): {
    tracks: { ready: Promise<void>; selectedTrack: { animated: boolean } | null };
    close(): void;
  };
}
