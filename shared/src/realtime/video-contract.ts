/**
 * The video channel: a second Socket.IO connection (namespace `/video`, WebSocket only) over
 * which hls.js loads playlists and segments from the server's relay. One WebSocket carries every
 * tile of a page, so sixteen tiles never queue behind the browser's six HTTP/1.1 connections
 * per host, and the alarm socket never carries video.
 */
export const VIDEO_NAMESPACE = '/video';

export const STREAM_VARIANTS = ['main', 'sub'] as const;
/** `main` when a tile is enlarged, `sub` (falls back to main) in grids. */
export type StreamVariant = (typeof STREAM_VARIANTS)[number];

/** The relay's playlist of a camera; the playlist's own URIs point back into the relay. */
export function cameraPlaylistPath(cameraId: string, variant: StreamVariant): string {
  return `/api/v1/cameras/${encodeURIComponent(cameraId)}/${variant}/index.m3u8`;
}

export function cameraSnapshotPath(cameraId: string): string {
  return `/api/v1/cameras/${encodeURIComponent(cameraId)}/snapshot`;
}

/** A GET of a relay path (`/api/v1/cameras/...`), the same answer as over HTTP. */
export interface VideoRequest {
  path: string;
  /** One byte range of a segment, both ends inclusive as HTTP's `Range: bytes=start-end`; answered 206. */
  range?: { start: number; end?: number };
}

export type VideoResponse =
  /** `contentRange` (`bytes a-b/total`) with status 206 when a range was asked for. */
  | { ok: true; status: number; contentType: string; body: ArrayBuffer; contentRange?: string }
  | { ok: false; status: number; error: string };

export interface VideoClientToServerEvents {
  'video.get': (request: VideoRequest, ack: (response: VideoResponse) => void) => void;
}

export type VideoServerToClientEvents = Record<string, never>;
