import type { Site } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { insertMissingCameraStreams, type NewCameraStreamsRow } from '../repositories/camera-streams.repository.js';
import { demoSite } from './demo-site.js';

/**
 * Each demo camera plays its own pre-encoded loop (server/assets/demo-video, made by
 * scripts/make-demo-video.sh) through the relay, as a real camera's HLS would.
 */
export function demoCameraStreams(site: Site): NewCameraStreamsRow[] {
  return site.devices
    .filter((device) => device.kind === 'camera')
    .map((camera) => ({
      deviceId: camera.id,
      mainUrl: `demo://${camera.id}/main`,
      subUrl: `demo://${camera.id}/sub`,
      snapshotUrl: `demo://${camera.id}/snapshot`,
    }));
}

/** Demo streams for the demo site's cameras that have none; other sites have no demo video. */
export async function seedDemoVideo(db: Executor, site: Site): Promise<void> {
  if (site.id !== demoSite.id) return;
  await insertMissingCameraStreams(db, demoCameraStreams(site));
}
