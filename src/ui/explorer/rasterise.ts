/**
 * Bitmap → the square RgbImage the explorer works on: centre-cropped, composited on white, and
 * resampled to H with the area filter of src/math (so the result is reproducible, not up to the
 * browser's resampler).
 */
import { areaResize, centreSquare, hasTransparency, rgbaToImage, type RgbImage } from '../../math/image';
import { tr } from '../i18n/i18n';

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
  if (!context) throw new Error(tr('raster.noCanvas'));
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, crop.x, crop.y, crop.size, crop.size, 0, 0, drawSize, drawSize);
  const rgba = context.getImageData(0, 0, drawSize, drawSize).data;
  if (hasTransparency(rgba)) notices.push(tr('raster.transparent'));
  if (bitmap.width !== bitmap.height) {
    notices.push(tr('raster.cropped', { width: bitmap.width, height: bitmap.height, size: crop.size }));
  }
  if (crop.size < size) notices.push(tr('raster.upscaled', { from: crop.size, size }));
  const image = rgbaToImage(rgba, drawSize, drawSize);
  return { image: drawSize === size ? image : areaResize(image, size, size), notices };
}
