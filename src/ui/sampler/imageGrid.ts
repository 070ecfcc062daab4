/** Drawing [B, S, S, 3] float batches (in [−1, 1]) as a grid on a canvas, and saving it as PNG. */
import { writeRgba } from '../../math/image';
import { saveBlob } from '../controls/saveBlob';

export function gridColumns(batch: number): number {
  return Math.ceil(Math.sqrt(batch));
}

/** Paints the batch into `canvas` at 1 canvas pixel per image pixel (CSS scales it, pixelated). */
export function drawGrid(canvas: HTMLCanvasElement, data: Float32Array, batch: number, size: number): void {
  const columns = gridColumns(batch);
  const rows = Math.ceil(batch / columns);
  canvas.width = columns * size;
  canvas.height = rows * size;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  const tile = new ImageData(size, size);
  const perImage = size * size * 3;
  for (let b = 0; b < batch; b++) {
    writeRgba(data.subarray(b * perImage, (b + 1) * perImage), tile.data);
    context.putImageData(tile, (b % columns) * size, Math.floor(b / columns) * size);
  }
}

/** A new canvas holding tile `index` of a grid drawn by drawGrid, at its own size. */
function tileCanvas(canvas: HTMLCanvasElement, tileSize: number, index: number): HTMLCanvasElement {
  const columns = canvas.width / tileSize;
  const tile = document.createElement('canvas');
  tile.width = tileSize;
  tile.height = tileSize;
  tile
    .getContext('2d')
    ?.drawImage(
      canvas,
      (index % columns) * tileSize,
      Math.floor(index / columns) * tileSize,
      tileSize,
      tileSize,
      0,
      0,
      tileSize,
      tileSize,
    );
  return tile;
}

/** Saves one tile (index ≥ 0) or the whole canvas (index = −1) as a PNG download. */
export function downloadPng(canvas: HTMLCanvasElement, filename: string, tileSize: number, index = -1): void {
  const source = index >= 0 ? tileCanvas(canvas, tileSize, index) : canvas;
  source.toBlob((blob) => {
    if (blob) saveBlob(blob, filename);
  }, 'image/png');
}

/** Tile `index` as a PNG blob ([S, S] pixels, exactly the sample's). */
export function tilePng(canvas: HTMLCanvasElement, tileSize: number, index: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    tileCanvas(canvas, tileSize, index).toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded as PNG'))),
      'image/png',
    ),
  );
}
