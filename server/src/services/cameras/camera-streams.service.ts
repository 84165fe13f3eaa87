import { siteAllowed, type CameraStreamsBody, type User } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { badRequest, notFound, unprocessable } from '../../lib/http-error.js';
import { presentCameraStreams, type CameraStreamsView } from '../../presenters/camera-streams.presenter.js';
import { deleteCameraStreams, findCameraStreams, upsertCameraStreams } from '../../repositories/camera-streams.repository.js';
import { findDevice } from '../../repositories/sites.repository.js';
import type { DemoSource } from '../../video/demo-source.js';
import type { Deps } from '../deps.js';
import { viewerOf } from '../scope.js';

/**
 * Where the relay fetches a camera's video (admin). No event is appended: events reach every
 * screen, and these URLs may carry the camera's credentials.
 */

async function requireCamera(db: Executor, cameraId: string, user: User): Promise<void> {
  const device = await findDevice(db, cameraId);
  if (!device || !siteAllowed(viewerOf(user), device.siteId)) throw notFound(`cameraId: no camera with id "${cameraId}"`);
  if (device.kind !== 'camera') throw unprocessable(`cameraId: device "${cameraId}" is a ${device.kind}, not a camera`);
}

/** Rules the schema cannot check: a URL that parses, and a demo URL that names a demo stream. */
function urlErrors(body: CameraStreamsBody, demo: DemoSource | null): { syntax: string[]; meaning: string[] } {
  const errors = { syntax: [] as string[], meaning: [] as string[] };
  const fields = [
    ['mainUrl', body.mainUrl, 'stream'],
    ['subUrl', body.subUrl, 'stream'],
    ['snapshotUrl', body.snapshotUrl, 'snapshot'],
  ] as const;
  for (const [field, value, kind] of fields) {
    if (value === null) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      errors.syntax.push(`${field}: is not a valid URL`);
      continue;
    }
    if (url.protocol !== 'demo:') continue;
    if (!demo) errors.meaning.push(`${field}: demo:// URLs need the demo video, which is not installed on this server`);
    else if (!demo.serves(url, kind)) {
      const shape = kind === 'snapshot' ? 'demo://<demo camera>/snapshot' : 'demo://<demo camera>/main or /sub';
      errors.meaning.push(`${field}: names no demo ${kind} (expected ${shape})`);
    }
  }
  return errors;
}

export async function readCameraStreams(deps: Deps, cameraId: string, user: User): Promise<CameraStreamsView> {
  await requireCamera(deps.db, cameraId, user);
  return presentCameraStreams(cameraId, await findCameraStreams(deps.db, cameraId));
}

export async function saveCameraStreams(deps: Deps, cameraId: string, body: CameraStreamsBody, demo: DemoSource | null, user: User): Promise<CameraStreamsView> {
  const errors = urlErrors(body, demo);
  if (errors.syntax.length > 0) throw badRequest(errors.syntax.join('; '));
  return deps.db.transaction(async (tx) => {
    await requireCamera(tx, cameraId, user);
    if (errors.meaning.length > 0) throw unprocessable(errors.meaning.join('; '));
    const row = await upsertCameraStreams(tx, { deviceId: cameraId, ...body, updatedAt: deps.clock() });
    return presentCameraStreams(cameraId, row);
  });
}

export async function removeCameraStreams(deps: Deps, cameraId: string, user: User): Promise<CameraStreamsView> {
  await requireCamera(deps.db, cameraId, user);
  await deleteCameraStreams(deps.db, cameraId);
  return presentCameraStreams(cameraId, undefined);
}
