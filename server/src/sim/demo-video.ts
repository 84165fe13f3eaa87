import type { Executor } from '../db/client.js';
import { insertMissingCameraStreams, type NewCameraStreamsRow } from '../repositories/camera-streams.repository.js';
import { findSiteRows } from '../repositories/sites.repository.js';
import { demoSite } from './demo-site.js';

/**
 * Each demo camera plays its own pre-encoded loop (server/assets/demo-video, made by
 * scripts/make-demo-video.sh) through the relay, as a real camera's HLS would.
 */
export function demoCameraStreams(cameraIds: readonly string[]): NewCameraStreamsRow[] {
  return cameraIds.map((id) => ({
    deviceId: id,
    mainUrl: `demo://${id}/main`,
    subUrl: `demo://${id}/sub`,
    snapshotUrl: `demo://${id}/snapshot`,
  }));
}

/**
 * Demo streams for the demo site's cameras (as they are in the database now) that have none;
 * other sites have no demo video.
 */
export async function seedDemoVideo(db: Executor, siteId: string): Promise<void> {
  if (siteId !== demoSite.id) return;
  const rows = await findSiteRows(db, siteId);
  const cameraIds = (rows?.devices ?? []).filter((device) => device.kind === 'camera').map((camera) => camera.id);
  await insertMissingCameraStreams(db, demoCameraStreams(cameraIds));
}
