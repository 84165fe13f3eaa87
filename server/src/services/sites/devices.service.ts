import { devicePlacementErrors, linkedCameraErrors, type Actor, type Device, type DeviceInput, type DeviceStatus, type User } from '@vigil/shared';
import type { Tx } from '../../db/client.js';
import { conflict, notFound, unprocessable } from '../../lib/http-error.js';
import { deviceDelete, deviceStatusUpdate, deviceUpsert, devicesLinkingTo, findDevice } from '../../repositories/sites.repository.js';
import { presentDevice } from '../../presenters/site.presenter.js';
import type { Deps } from '../deps.js';
import { viewerOf } from '../scope.js';
import { editSites, loadSite, userActor, type SiteAppend } from './site-transaction.js';

/**
 * A camera that is removed or stops being a camera leaves the devices that linked to it:
 * each is saved without it (`site.deviceSaved`), so no link points at nothing and the site
 * still exports and imports.
 */
async function unlinkCamera(tx: Tx, siteId: string, cameraId: string, user: User, append: SiteAppend): Promise<void> {
  for (const row of await devicesLinkingTo(tx, siteId, cameraId)) {
    const linker = presentDevice(row);
    const device: Device = { ...linker, linkedCameraIds: linker.linkedCameraIds.filter((id) => id !== cameraId) };
    await append(deviceUpsert(tx, device), {
      siteId,
      type: 'site.deviceSaved',
      actor: userActor(user),
      payload: { device },
    });
  }
}

/** Creates or replaces a device → `site.deviceSaved`. A replace keeps the status unless one is given. */
export async function saveDevice(
  deps: Deps,
  siteId: string,
  deviceId: string,
  input: DeviceInput,
  user: User,
): Promise<{ device: Device; seq: number }> {
  return editSites(deps, async (tx, append) => {
    const site = await loadSite(tx, siteId, viewerOf(user));
    const existing = await findDevice(tx, deviceId);
    if (existing && existing.siteId !== siteId) throw conflict(`deviceId: "${deviceId}" belongs to site "${existing.siteId}"`);
    const device: Device = {
      id: deviceId,
      siteId,
      zoneId: input.zoneId ?? null,
      kind: input.kind,
      name: input.name,
      nameEn: input.nameEn ?? null,
      position: input.position,
      floor: input.floor,
      status: input.status ?? existing?.status ?? 'online',
      camera: input.camera ?? null,
      linkedCameraIds: input.linkedCameraIds ?? existing?.linkedCameraIds ?? [],
    };
    const cameraIds = new Set(site.devices.filter((other) => other.kind === 'camera').map((camera) => camera.id));
    const errors = [
      ...devicePlacementErrors(site, device, new Set(site.zones.map((zone) => zone.id))),
      ...linkedCameraErrors(device, cameraIds, 'linkedCameraIds'),
    ];
    if (errors.length > 0) throw unprocessable(errors.join('; '));
    if (existing?.kind === 'camera' && device.kind !== 'camera') await unlinkCamera(tx, siteId, deviceId, user, append);
    const event = await append(deviceUpsert(tx, device), {
      siteId,
      type: 'site.deviceSaved',
      actor: userActor(user),
      payload: { device },
    });
    return { device, seq: event.seq };
  });
}

/** Removes a device → `site.deviceRemoved` (after unlinking a camera from the devices it watched). */
export async function removeDevice(deps: Deps, siteId: string, deviceId: string, user: User): Promise<{ seq: number }> {
  return editSites(deps, async (tx, append) => {
    await loadSite(tx, siteId, viewerOf(user));
    const device = await findDevice(tx, deviceId);
    if (!device || device.siteId !== siteId) throw notFound(`deviceId: no device with id "${deviceId}" on site "${siteId}"`);
    if (device.kind === 'camera') await unlinkCamera(tx, siteId, deviceId, user, append);
    const event = await append(deviceDelete(tx, deviceId), {
      siteId,
      type: 'site.deviceRemoved',
      actor: userActor(user),
      payload: { deviceId },
    });
    return { seq: event.seq };
  });
}

/**
 * An integration reports a device's status → `device.statusChanged`, only when it changes.
 * `onlyIf` is asked inside the transaction (a duty passes "still the leader").
 */
export async function changeDeviceStatus(
  deps: Deps,
  deviceId: string,
  status: DeviceStatus,
  actor: Actor,
  options: { onlyIf?: () => boolean } = {},
): Promise<{ changed: boolean; status: DeviceStatus; seq: number | null }> {
  return editSites(deps, async (tx, append) => {
    const device = await findDevice(tx, deviceId);
    if (!device) throw notFound(`deviceId: no device with id "${deviceId}"`);
    // Asked under the event-log lock, however long the write waited for it: false writes nothing.
    if (options.onlyIf && !options.onlyIf()) return { changed: false, status: device.status, seq: null };
    if (device.status === status) return { changed: false, status, seq: null };
    const event = await append(deviceStatusUpdate(tx, deviceId, status), {
      siteId: device.siteId,
      type: 'device.statusChanged',
      actor,
      payload: { deviceId, status, previous: device.status },
    });
    return { changed: true, status, seq: event.seq };
  });
}
