import { z } from 'zod';
import { text } from './text.js';
import { CommandId } from './alarm.schemas.js';
import { sniffImageType, type SiteImageType } from './site-image.schemas.js';

/**
 * A guard's report back on a dispatch (or an operator's/commander's): a note and optionally one
 * photo, at `POST /api/v1/dispatches/:dispatchId/reports`, in one of two forms:
 *
 * - note only: `Content-Type: application/json`, body `{ "note": "…", "commandId": "…" }`;
 * - with a photo: the photo's bytes as the body (`Content-Type: image/jpeg`, `image/png`,
 *   `image/webp` or `application/octet-stream` — what the bytes are is read from them, not
 *   from the header) and the note and command id in the query: `?note=…&commandId=…`.
 *
 * 201 `{ seq, entryId, photoId }`. The same commandId again answers the first report.
 */
export const MAX_REPORT_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_REPORT_NOTE_CHARS = 1000;

export const REPORT_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ReportPhotoType = SiteImageType;

const note = text('must be a string')
  .trim()
  .max(MAX_REPORT_NOTE_CHARS, { error: `must be at most ${MAX_REPORT_NOTE_CHARS} characters` });

export const DispatchReportFields = z.object({ commandId: CommandId, note: note.default('') }).strict();
export type DispatchReportFields = z.infer<typeof DispatchReportFields>;

export const DispatchParams = z.object({ dispatchId: text('must be a string').uuid({ error: 'must be a UUID' }) }).strict();
export const IncidentPhotoParams = z
  .object({
    incidentId: text('must be a string').uuid({ error: 'must be a UUID' }),
    photoId: text('must be a string').uuid({ error: 'must be a UUID' }),
  })
  .strict();

/** What the photo is by its bytes, or why it is refused (`photo: …`). */
export function reportPhotoType(bytes: Uint8Array): { ok: true; type: ReportPhotoType } | { ok: false; status: 400 | 415; message: string } {
  if (bytes.length === 0) return { ok: false, status: 400, message: 'photo: must not be empty' };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, status: 415, message: 'photo: is not a JPEG, PNG or WebP image (read from its bytes, whatever its name or declared type)' };
  return { ok: true, type };
}

export function incidentPhotoPath(incidentId: string, photoId: string): string {
  return `/api/v1/incidents/${encodeURIComponent(incidentId)}/photos/${encodeURIComponent(photoId)}`;
}
