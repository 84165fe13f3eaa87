import type { Device, Site, Zone } from '@vigil/shared';
import type { DeviceRow, SiteRow, ZoneRow } from '../repositories/sites.repository.js';

export function presentZone(row: ZoneRow): Zone {
  return {
    id: row.id,
    siteId: row.siteId,
    name: row.name,
    nameEn: row.nameEn,
    kind: row.kind,
    floor: row.floor,
    geometry: row.geometry,
  };
}

export function presentDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    siteId: row.siteId,
    zoneId: row.zoneId,
    kind: row.kind,
    name: row.name,
    nameEn: row.nameEn,
    position: [row.x, row.y],
    floor: row.floor,
    status: row.status,
    camera: row.camera,
    linkedCameraIds: row.linkedCameraIds,
  };
}

export function presentSite(row: SiteRow, zones: ZoneRow[], devices: DeviceRow[]): Site {
  return {
    id: row.id,
    name: row.name,
    nameEn: row.nameEn,
    plan: { width: row.planWidth, height: row.planHeight },
    anchor: row.anchor,
    backdrop: row.backdrop,
    floors: row.floors,
    zones: zones.filter((zone) => zone.siteId === row.id).map(presentZone),
    devices: devices.filter((device) => device.siteId === row.id).map(presentDevice),
  };
}
