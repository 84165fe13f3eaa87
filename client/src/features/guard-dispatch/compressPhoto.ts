/** The longest side of a photo sent from the phone: enough to read a sign, small enough for a weak signal. */
export const MAX_PHOTO_SIDE = 1600;
/** The JPEG qualities tried in turn until the photo is under MAX_PHOTO_BYTES. */
const QUALITIES = [0.82, 0.7, 0.55, 0.4] as const;
export const MAX_PHOTO_BYTES = 1_000_000;

export interface CompressedPhoto {
  blob: Blob;
  width: number;
  height: number;
}

/** The size that fits within `max` on its longest side, keeping the shape (never enlarged). */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the photo could not be encoded'))), 'image/jpeg', quality));
}

/**
 * A camera photo (often 4000 px and several MB) made into a JPEG of at most MAX_PHOTO_SIDE px,
 * upright as the phone held it (EXIF orientation), before it goes over the guard's link.
 * Throws when the file is not an image the browser can read.
 */
export async function compressPhoto(file: Blob): Promise<CompressedPhoto> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas on this browser');
    context.drawImage(bitmap, 0, 0, width, height);
    let blob = await toJpeg(canvas, QUALITIES[0]);
    for (const quality of QUALITIES.slice(1)) {
      if (blob.size <= MAX_PHOTO_BYTES) break;
      blob = await toJpeg(canvas, quality);
    }
    return { blob, width, height };
  } finally {
    bitmap.close();
  }
}
