/**
 * Plan images uploaded to Vigil (a site's backdrop): what the server takes and where it serves
 * them. The site plan never needs the internet: an image uploaded here is served by Vigil itself.
 */

export const SITE_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type SiteImageType = (typeof SITE_IMAGE_TYPES)[number];

/** The largest plan image taken: a detailed A0 scan as PNG or JPEG fits, a wall screen stays quick. */
export const MAX_SITE_IMAGE_BYTES = 8 * 1024 * 1024;

export interface SiteImage {
  id: string;
  siteId: string;
  /** Where Vigil serves it; this is what a backdrop's `url` holds. */
  url: string;
  contentType: SiteImageType;
  /** Bytes. */
  size: number;
}

export function siteImagePath(siteId: string, imageId: string): string {
  return `/api/v1/sites/${encodeURIComponent(siteId)}/images/${encodeURIComponent(imageId)}`;
}

/** The image id when `url` is one of this site's uploaded images, else null. */
export function siteImageIdOf(siteId: string, url: string): string | null {
  const prefix = `/api/v1/sites/${encodeURIComponent(siteId)}/images/`;
  if (!url.startsWith(prefix)) return null;
  const id = url.slice(prefix.length);
  return /^[0-9a-f]{16,64}$/.test(id) ? id : null;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
}

/** What the bytes are, by their signature (never by the name or the declared type alone). */
export function sniffImageType(bytes: Uint8Array): SiteImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/** Why an upload is refused (`field: rule`), or null when it may be stored. */
export function siteImageError(declaredType: string | undefined, bytes: Uint8Array): { status: 400 | 413 | 415; message: string } | null {
  const declared = (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(SITE_IMAGE_TYPES as readonly string[]).includes(declared)) {
    return { status: 415, message: `content-type: must be one of ${SITE_IMAGE_TYPES.join(', ')} (the plan image itself as the body)` };
  }
  if (bytes.length === 0) return { status: 400, message: 'body: must not be empty' };
  if (bytes.length > MAX_SITE_IMAGE_BYTES) return { status: 413, message: `body: must be at most ${MAX_SITE_IMAGE_BYTES / 1024 / 1024} MiB` };
  const actual = sniffImageType(bytes);
  if (actual !== declared) {
    return { status: 415, message: `body: is not a ${declared.slice('image/'.length).toUpperCase()} image${actual ? ` (it is ${actual})` : ''}` };
  }
  return null;
}
