/**
 * Byte ranges (RFC 9110 §14) as the relay needs them: hls.js asks for one range of a segment
 * (`EXT-X-BYTERANGE`, `#EXT-X-MAP:BYTERANGE`), never several. Pure.
 */

/** One range, both ends inclusive as on the wire; `end` null: to the end of the resource. */
export interface ByteRange {
  start: number;
  end: number | null;
}

/** `bytes=a-b` or `bytes=a-`; anything else (several ranges, suffix, bad syntax) is ignored, as RFC 9110 allows: null. */
export function parseRangeHeader(header: string | undefined): ByteRange | null {
  const match = header === undefined ? null : /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === '' ? null : Number(match[2]);
  if (end !== null && end < start) return null;
  return { start, end };
}

export function rangeHeader(range: ByteRange): string {
  return `bytes=${range.start}-${range.end ?? ''}`;
}

/** `bytes a-b/total` or `bytes a-b/*` from an upstream's 206; null when it is not one. */
export function parseContentRange(value: string | null): { start: number; end: number; total: number | null } | null {
  const match = value === null ? null : /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)$/.exec(value.trim());
  if (!match) return null;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

export function contentRange(start: number, end: number, total: number | null): string {
  return `bytes ${start}-${end}/${total ?? '*'}`;
}

/** The range cut from a whole body (an upstream that ignored the Range header); null if it starts past the end. */
export function sliceRange(body: Buffer, range: ByteRange): { bytes: Buffer; contentRange: string } | null {
  if (range.start >= body.length) return null;
  const end = Math.min(range.end ?? body.length - 1, body.length - 1);
  return { bytes: body.subarray(range.start, end + 1), contentRange: contentRange(range.start, end, body.length) };
}
