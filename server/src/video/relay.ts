import type { Readable } from 'node:stream';
import { siteAllowed, type StreamVariant, type Viewer } from '@vigil/shared';
import { HttpError, notFound } from '../lib/http-error.js';
import { findCameraStreams } from '../repositories/camera-streams.repository.js';
import { findDevice } from '../repositories/sites.repository.js';
import type { CameraStreamsRow } from '../repositories/wall.repository.js';
import type { Deps } from '../services/deps.js';
import { contentRange, parseContentRange, rangeHeader, sliceRange, type ByteRange } from './byte-range.js';
import { PLAYLIST_TYPE, type DemoSource } from './demo-source.js';
import { looksLikePlaylist, rewritePlaylist } from './playlist-rewrite.js';
import { confinementError, openRef, sealRef } from './refs.js';
import { UpstreamError, fetchHttp, readAll, type UpstreamResponse } from './upstream.js';

/**
 * The video relay: answers a camera's playlists, segments and snapshot from its configured
 * upstream (http(s), or the in-process demo), so screens never see a camera URL or its
 * credentials. One function for HTTP and the `/video` socket, so both answer alike.
 */

export type RelayRequest =
  | { kind: 'playlist'; cameraId: string; variant: StreamVariant }
  /** `range`: one byte range of a segment (hls.js's EXT-X-BYTERANGE), answered 206. */
  | { kind: 'resource'; cameraId: string; variant: StreamVariant; ref: string; range?: ByteRange | null }
  | { kind: 'snapshot'; cameraId: string };

/** A success; failures are HttpErrors (404, 403, 502, 504 …) whose message names the camera. */
export interface RelayAnswer {
  /** 206 with `contentRange` for a byte range; 200 otherwise. */
  status: 200 | 206;
  contentRange: string | null;
  contentType: string;
  cacheControl: string;
  body: Buffer | Readable;
}

export interface Relay {
  /**
   * `viewer`: who asks; a camera on a site they do not have answers 404 as if it did not exist.
   * null only for the server's own checks (camera health), which cover every site.
   */
  serve(request: RelayRequest, viewer: Viewer | null): Promise<RelayAnswer>;
}

export interface RelayOptions {
  /** Per upstream exchange, body included. */
  timeoutMs?: number;
  demo: DemoSource | null;
}

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 5_000;
const PLAYLIST_MAX_BYTES = 1024 * 1024;
const MEDIA_MAX_BYTES = 32 * 1024 * 1024;
const SNAPSHOT_MAX_BYTES = 8 * 1024 * 1024;

/** What the relay passes on as is; anything else goes out as bytes, never as something a browser renders. */
const MEDIA_TYPES = new Set([
  'video/mp2t',
  'video/mp4',
  'video/iso.segment',
  'audio/mp4',
  'audio/aac',
  'audio/mpeg',
  'application/mp4',
  'application/octet-stream',
  'text/vtt',
]);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

function baseType(contentType: string | null): string {
  return contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The relay's path of a camera's nested resource. */
export function cameraResourcePath(cameraId: string, variant: StreamVariant, ref: string): string {
  return `/api/v1/cameras/${encodeURIComponent(cameraId)}/${variant}/r/${ref}`;
}

const badGateway = (message: string) => new HttpError(502, 'bad_gateway', message);
const unsatisfiable = (label: string, range: ByteRange) =>
  new HttpError(416, 'range_not_satisfiable', `range: ${rangeHeader(range)} starts past the end of the ${label} segment`);

export function createRelay(deps: Deps, options: RelayOptions): Relay {
  const timeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;

  async function streamsOf(cameraId: string, viewer: Viewer | null): Promise<CameraStreamsRow> {
    const device = await findDevice(deps.db, cameraId);
    if (!device || (viewer && !siteAllowed(viewer, device.siteId))) throw notFound(`cameraId: no camera with id "${cameraId}"`);
    const row = await findCameraStreams(deps.db, cameraId);
    if (row) return row;
    if (device.kind !== 'camera') throw notFound(`cameraId: device "${cameraId}" is a ${device.kind}, not a camera`);
    throw notFound(`camera ${cameraId}: no video streams are configured`);
  }

  /** GETs `target` from the upstream of `configured`; upstream failures become HttpErrors naming `label`. */
  async function get(label: string, what: string, configured: URL, target: URL, maxBytes: number, range: ByteRange | null = null): Promise<UpstreamResponse> {
    let response: UpstreamResponse;
    try {
      if (target.protocol === 'demo:') {
        if (!options.demo) throw badGateway(`${label}: the demo video is not installed on this server`);
        response = await options.demo.fetch(target);
      } else {
        response = await fetchHttp(target, configured, {
          timeoutMs,
          maxBytes,
          redirectError: (next) => confinementError(configured, next),
          range: range ? rangeHeader(range) : undefined,
        });
      }
    } catch (error) {
      throw upstreamFailure(label, error);
    }
    if (response.status >= 200 && response.status < 300) return response;
    response.body.destroy();
    if (response.status === 404 || response.status === 410) throw notFound(`${label}: ${what} not found upstream`);
    if (response.status === 416 && range) throw unsatisfiable(label, range);
    if (response.status === 401 || response.status === 403) {
      throw badGateway(`${label}: upstream refused the configured credentials (${response.status})`);
    }
    throw badGateway(`${label}: upstream answered ${response.status}`);
  }

  function upstreamFailure(label: string, error: unknown): unknown {
    if (!(error instanceof UpstreamError)) return error;
    if (error.failure === 'timeout') {
      return new HttpError(504, 'gateway_timeout', `${label}: upstream did not answer within ${timeoutMs / 1000} s`);
    }
    return badGateway(`${label}: upstream ${error.message}`);
  }

  async function readBody(label: string, response: UpstreamResponse, maxBytes: number): Promise<Buffer> {
    try {
      return await readAll(response.body, maxBytes);
    } catch (error) {
      throw upstreamFailure(label, error);
    }
  }

  async function playlistAnswer(label: string, response: UpstreamResponse, toRelay: (target: URL) => string): Promise<RelayAnswer> {
    const text = (await readBody(label, response, PLAYLIST_MAX_BYTES)).toString('utf8');
    const rewritten = rewritePlaylist(text, response.url, toRelay);
    if (!rewritten.ok) throw badGateway(`${label}: the upstream playlist ${rewritten.error}`);
    return { status: 200, contentRange: null, contentType: PLAYLIST_TYPE, cacheControl: 'no-cache', body: Buffer.from(rewritten.text, 'utf8') };
  }

  /**
   * A segment's range: the upstream's own 206 passed on, or, from an upstream that ignores
   * `Range` (answers 200 with the whole file, as the demo does), the range cut here.
   */
  async function rangeAnswer(label: string, response: UpstreamResponse, range: ByteRange, media: Omit<RelayAnswer, 'status' | 'contentRange' | 'body'>): Promise<RelayAnswer> {
    if (response.status === 206) {
      const served = parseContentRange(response.contentRange);
      if (!served || served.start !== range.start) {
        response.body.destroy();
        throw badGateway(`${label}: upstream answered 206 without the Content-Range asked for`);
      }
      return { ...media, status: 206, contentRange: contentRange(served.start, served.end, served.total), body: response.body };
    }
    const cut = sliceRange(await readBody(label, response, MEDIA_MAX_BYTES), range);
    if (!cut) throw unsatisfiable(label, range);
    return { ...media, status: 206, contentRange: cut.contentRange, body: cut.bytes };
  }

  async function stream(viewer: Viewer | null, cameraId: string, variant: StreamVariant, ref: string | null, range: ByteRange | null = null): Promise<RelayAnswer> {
    const row = await streamsOf(cameraId, viewer);
    const configuredUrl = variant === 'sub' ? (row.subUrl ?? row.mainUrl) : row.mainUrl;
    const configured = new URL(configuredUrl);
    const label = `camera ${cameraId} ${variant} stream`;
    const toRelay = (target: URL) => cameraResourcePath(cameraId, variant, sealRef(configuredUrl, target));
    if (ref === null) return playlistAnswer(label, await get(label, 'playlist', configured, configured, PLAYLIST_MAX_BYTES), toRelay);

    const target = openRef(configuredUrl, ref);
    if (!target) throw notFound(`ref: not a current reference into ${label} (stale or forged; reload the playlist)`);
    const outside = confinementError(configured, target);
    if (outside) throw new HttpError(403, 'forbidden', `${label}: the playlist points outside the camera's configured location (${outside})`);
    const what = /\.m3u8?$/i.test(target.pathname) ? 'playlist' : 'segment';
    // A range of a playlist is not asked for (hls.js ranges segments only): it is loaded whole.
    const response = await get(label, what, configured, target, MEDIA_MAX_BYTES, what === 'segment' ? range : null);
    if (looksLikePlaylist(response.contentType, response.url)) return playlistAnswer(label, response, toRelay);
    const type = baseType(response.contentType);
    const media = { contentType: MEDIA_TYPES.has(type) ? type : 'application/octet-stream', cacheControl: 'private, max-age=10' };
    if (range && what === 'segment') return rangeAnswer(label, response, range, media);
    return { ...media, status: 200, contentRange: null, body: response.body };
  }

  async function snapshot(viewer: Viewer | null, cameraId: string): Promise<RelayAnswer> {
    const row = await streamsOf(cameraId, viewer);
    const label = `camera ${cameraId} snapshot`;
    if (!row.snapshotUrl) throw notFound(`${label}: no snapshot URL is configured`);
    const configured = new URL(row.snapshotUrl);
    const response = await get(label, 'still', configured, configured, SNAPSHOT_MAX_BYTES);
    const type = baseType(response.contentType);
    if (!IMAGE_TYPES.has(type)) {
      response.body.destroy();
      throw badGateway(`${label}: upstream answered ${type || 'no content type'}, not an image`);
    }
    return { status: 200, contentRange: null, contentType: type, cacheControl: 'no-cache', body: await readBody(label, response, SNAPSHOT_MAX_BYTES) };
  }

  return {
    serve(request, viewer) {
      switch (request.kind) {
        case 'playlist':
          return stream(viewer, request.cameraId, request.variant, null);
        case 'resource':
          return stream(viewer, request.cameraId, request.variant, request.ref, request.range ?? null);
        case 'snapshot':
          return snapshot(viewer, request.cameraId);
      }
    },
  };
}
