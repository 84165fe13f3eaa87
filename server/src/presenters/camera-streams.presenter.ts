import type { CameraStreamsRow } from '../repositories/wall.repository.js';

/** A camera's stream URLs, for administrators only: they may carry the camera's credentials. */
export interface CameraStreamsView {
  cameraId: string;
  streams: { mainUrl: string; subUrl: string | null; snapshotUrl: string | null; updatedAt: string } | null;
}

export function presentCameraStreams(cameraId: string, row: CameraStreamsRow | undefined): CameraStreamsView {
  if (!row) return { cameraId, streams: null };
  return {
    cameraId,
    streams: { mainUrl: row.mainUrl, subUrl: row.subUrl, snapshotUrl: row.snapshotUrl, updatedAt: row.updatedAt.toISOString() },
  };
}
