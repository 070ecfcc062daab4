/**
 * Bitmap → the square RgbImage the explorer works on: centre-cropped, composited on white, and
 * resampled to H with the area filter of src/math (so the result is reproducible, not up to the
 * browser's resampler).
 */
import { areaResize, centreSquare, hasTransparency, rgbaToImage, type RgbImage } from '../../math/image';

/** The browser's own scaler is used only to bring huge crops down to at most this factor × H. */
const MAX_OVERSAMPLE = 4;

export interface Rasterised {
  image: RgbImage;
  notices: string[];
}

export function rasterise(bitmap: ImageBitmap, size: number): Rasterised {
  const notices: string[] = [];
  const crop = centreSquare(bitmap.width, bitmap.height);
  const drawSize = Math.min(crop.size, size * MAX_OVERSAMPLE);
  const canvas = new OffscreenCanvas(drawSize, drawSize);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot create a 2-D canvas.');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, crop.x, crop.y, crop.size, crop.size, 0, 0, drawSize, drawSize);
  const rgba = context.getImageData(0, 0, drawSize, drawSize).data;
  if (hasTransparency(rgba)) notices.push('The image has transparent pixels: composited on white.');
  if (bitmap.width !== bitmap.height) {
    notices.push(`Centre-cropped ${bitmap.width}×${bitmap.height} to a ${crop.size}×${crop.size} square.`);
  }
  if (crop.size < size) notices.push(`Upscaled from ${crop.size} px to H = ${size} px (blocky by design).`);
  const image = rgbaToImage(rgba, drawSize, drawSize);
  return { image: drawSize === size ? image : areaResize(image, size, size), notices };
}
