import type { Device, DeviceInput, Site, SiteDocument, SiteImage, SitePatch, Zone, ZoneInput } from '@vigil/shared';
import { postFile, requestJson } from '../../lib/http';

const sitePath = (siteId: string) => `/api/v1/sites/${encodeURIComponent(siteId)}`;

export function saveZone(siteId: string, zoneId: string, input: ZoneInput): Promise<{ zone: Zone; seq: number }> {
  return requestJson(`${sitePath(siteId)}/zones/${encodeURIComponent(zoneId)}`, { method: 'PUT', body: input });
}

export function removeZone(siteId: string, zoneId: string): Promise<{ seq: number }> {
  return requestJson(`${sitePath(siteId)}/zones/${encodeURIComponent(zoneId)}`, { method: 'DELETE' });
}

export function saveDevice(siteId: string, deviceId: string, input: DeviceInput): Promise<{ device: Device; seq: number }> {
  return requestJson(`${sitePath(siteId)}/devices/${encodeURIComponent(deviceId)}`, { method: 'PUT', body: input });
}

export function removeDevice(siteId: string, deviceId: string): Promise<{ seq: number }> {
  return requestJson(`${sitePath(siteId)}/devices/${encodeURIComponent(deviceId)}`, { method: 'DELETE' });
}

export function patchSite(siteId: string, patch: SitePatch): Promise<{ site: Site; seq: number }> {
  return requestJson(sitePath(siteId), { method: 'PATCH', body: patch });
}

/** Uploads a plan image for the backdrop; the answer's `url` goes into the backdrop. */
export function uploadSiteImage(siteId: string, file: Blob): Promise<{ image: SiteImage }> {
  return postFile(`${sitePath(siteId)}/images`, file);
}

export function exportSite(siteId: string): Promise<SiteDocument> {
  return requestJson(`${sitePath(siteId)}/export`);
}

export function importSite(document: unknown): Promise<{ site: Site; seq: number; created: boolean }> {
  return requestJson('/api/v1/sites/import', { method: 'POST', body: document });
}

/** The input a route takes, from a zone or device as the store has it. */
export function zoneInputOf(zone: Zone): ZoneInput {
  return { name: zone.name, nameEn: zone.nameEn, kind: zone.kind, floor: zone.floor, geometry: zone.geometry };
}

export function deviceInputOf(device: Device): DeviceInput {
  return {
    name: device.name,
    nameEn: device.nameEn,
    kind: device.kind,
    floor: device.floor,
    zoneId: device.zoneId,
    position: device.position,
    status: device.status,
    camera: device.kind === 'camera' ? device.camera : null,
    linkedCameraIds: device.linkedCameraIds,
  };
}
