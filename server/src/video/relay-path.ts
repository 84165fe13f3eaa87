import { EntityId, STREAM_VARIANTS, parseWith, type ParseResult } from '@vigil/shared';
import { z } from 'zod';
import type { ByteRange } from './byte-range.js';
import type { RelayRequest } from './relay.js';

/** The relay's route parameters, for HTTP and the `/video` socket alike. */
export const CameraParams = z.object({ cameraId: EntityId }).strict();
const Variant = z.enum(STREAM_VARIANTS, { error: `must be one of ${STREAM_VARIANTS.join(', ')}` });
export const PlaylistParams = z.object({ cameraId: EntityId, variant: Variant }).strict();
export const ResourceParams = z
  .object({
    cameraId: EntityId,
    variant: Variant,
    ref: z
      .string({ error: 'must be a string' })
      .max(4096, { error: 'must be at most 4096 characters' })
      .regex(/^[A-Za-z0-9_-]+$/, { error: 'is not a reference this relay issued' }),
  })
  .strict();

const Offset = z
  .number({ error: 'must be an integer byte offset ≥ 0' })
  .int({ error: 'must be an integer byte offset ≥ 0' })
  .min(0, { error: 'must be an integer byte offset ≥ 0' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'must be an integer byte offset ≥ 0' });

/** A `video.get`'s byte range (both ends inclusive, as HTTP's `Range: bytes=start-end`). */
export const VideoRange = z
  .object({ start: Offset, end: Offset.optional() }, { error: 'must be { start, end? }' })
  .strict()
  .refine((range) => range.end === undefined || range.end >= range.start, { error: 'must not end before it starts', path: ['end'] });

/** The range of a `video.get` request, as the relay takes it: none, or one (an error names the field). */
export function parseVideoRange(range: unknown): ParseResult<ByteRange | null> {
  if (range === undefined) return { ok: true, value: null };
  // Parsed under its own name, so errors read `range.end: …`.
  const parsed = parseWith(z.object({ range: VideoRange }), { range });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { start: parsed.value.range.start, end: parsed.value.range.end ?? null } };
}

const MAX_PATH = 5000;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * A relay path (`/api/v1/cameras/:cameraId/:variant/index.m3u8`, `…/:variant/r/:ref`,
 * `…/:cameraId/snapshot`; a query string is ignored, as over HTTP) as a relay request.
 * Errors name the field, as the HTTP routes' do.
 */
export function parseRelayPath(path: unknown): ParseResult<RelayRequest> {
  if (typeof path !== 'string') return { ok: false, error: 'path: must be a string' };
  if (path.length > MAX_PATH) return { ok: false, error: `path: must be at most ${MAX_PATH} characters` };
  const [route = ''] = path.split('?');
  const parts = route.split('/').map(decode);
  const [empty, api, version, cameras, cameraId, ...rest] = parts;
  if (empty !== '' || api !== 'api' || version !== 'v1' || cameras !== 'cameras' || cameraId === undefined || cameraId === null || rest.some((part) => part === null)) {
    return { ok: false, error: 'path: must be a camera video path under /api/v1/cameras/' };
  }
  const [first, second, third] = rest;
  if (rest.length === 1 && first === 'snapshot') {
    const parsed = parseWith(CameraParams, { cameraId });
    return parsed.ok ? { ok: true, value: { kind: 'snapshot', ...parsed.value } } : parsed;
  }
  if (rest.length === 2 && second === 'index.m3u8') {
    const parsed = parseWith(PlaylistParams, { cameraId, variant: first });
    return parsed.ok ? { ok: true, value: { kind: 'playlist', ...parsed.value } } : parsed;
  }
  if (rest.length === 3 && second === 'r') {
    const parsed = parseWith(ResourceParams, { cameraId, variant: first, ref: third });
    return parsed.ok ? { ok: true, value: { kind: 'resource', ...parsed.value } } : parsed;
  }
  return { ok: false, error: 'path: must be a camera playlist (…/:variant/index.m3u8), resource (…/:variant/r/:ref) or snapshot path' };
}
