import { pointInPolygon, type Alarm, type Device, type Point, type Site, type Zone } from '@vigil/shared';

/** A site with its devices and zones by id, built again whenever the live site changes. */
export interface SiteIndex {
  site: Site;
  devices: ReadonlyMap<string, Device>;
  zones: ReadonlyMap<string, Zone>;
  /**
   * Devices and zones this page saw and the site no longer has, as they last were: an alarm of a
   * removed device still says which one it was. Empty after a reload (the server keeps no names
   * of removed devices), and bounded by REMEMBER_REMOVED.
   */
  removedDevices: ReadonlyMap<string, Device>;
  removedZones: ReadonlyMap<string, Zone>;
}

/** How many removed devices (and, apart, zones) an index remembers; the oldest are forgotten first. */
export const REMEMBER_REMOVED = 500;

/** What was removed before and is still gone, plus what `previous` had and `current` lacks; the newest REMEMBER_REMOVED. */
function stillRemoved<T>(current: ReadonlyMap<string, T>, previous: ReadonlyMap<string, T>, earlier: ReadonlyMap<string, T>): Map<string, T> {
  const removed = new Map<string, T>();
  for (const [id, entity] of [...earlier, ...previous]) if (!current.has(id)) removed.set(id, entity);
  for (const id of removed.keys()) {
    if (removed.size <= REMEMBER_REMOVED) break;
    removed.delete(id);
  }
  return removed;
}

/** Indexes a site; given the index of the same site before, remembers what has been removed since. */
export function indexSite(site: Site, before?: SiteIndex): SiteIndex {
  const devices = new Map(site.devices.map((device) => [device.id, device]));
  const zones = new Map(site.zones.map((zone) => [zone.id, zone]));
  const sameSite = before?.site.id === site.id ? before : undefined;
  return {
    site,
    devices,
    zones,
    removedDevices: stillRemoved(devices, sameSite?.devices ?? new Map(), sameSite?.removedDevices ?? new Map()),
    removedZones: stillRemoved(zones, sameSite?.zones ?? new Map(), sameSite?.removedZones ?? new Map()),
  };
}

/** The average of a zone's outline (or line) points: good enough to place a label or a pin. */
export function zoneCentre(zone: Zone): Point {
  const points = zone.geometry.type === 'Polygon' ? (zone.geometry.coordinates[0] ?? []).slice(0, -1) : zone.geometry.coordinates;
  if (points.length === 0) return [0, 0];
  const [sumX, sumY] = points.reduce<Point>(([x, y], [px, py]) => [x + px, y + py], [0, 0]);
  return [sumX / points.length, sumY / points.length];
}

export interface AlarmPlace {
  device: Device | null;
  zone: Zone | null;
  /**
   * The alarm's device or zone is no longer on the site: `entity` is how it last was, when this
   * page saw it (null after a reload). Null when nothing was removed.
   */
  removedDevice: { entity: Device | null } | null;
  removedZone: { entity: Zone | null } | null;
  /** Where the alarm is drawn: its device, else its own location (a guard's SOS), else the middle of its zone; null when neither is known. */
  position: Point | null;
  floor: number | null;
}

/** Where an alarm is, from the site as it is now (a device raised the alarm existed then: missing means removed). */
export function placeOf(alarm: Alarm, index: SiteIndex): AlarmPlace {
  const device = alarm.deviceId ? (index.devices.get(alarm.deviceId) ?? null) : null;
  const removedDevice = alarm.deviceId && !device ? { entity: index.removedDevices.get(alarm.deviceId) ?? null } : null;
  const zoneId = alarm.zoneId ?? device?.zoneId ?? removedDevice?.entity?.zoneId ?? null;
  const zone = zoneId ? (index.zones.get(zoneId) ?? null) : null;
  const removedZone = zoneId && !zone ? { entity: index.removedZones.get(zoneId) ?? null } : null;
  const known = { device, removedDevice, removedZone };
  if (device) return { ...known, zone, position: device.position, floor: device.floor };
  if (alarm.location) {
    const { position, floor } = alarm.location;
    return { ...known, zone: zone ?? zoneAt(index, position, floor), position, floor };
  }
  if (zone) return { ...known, zone, position: zoneCentre(zone), floor: zone.floor };
  return { ...known, zone, position: null, floor: null };
}

function extent(zone: Zone): number {
  const points = zone.geometry.type === 'Polygon' ? (zone.geometry.coordinates[0] ?? []) : zone.geometry.coordinates;
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}

/** The innermost (smallest) polygon zone on a floor that holds a point, if any. */
export function zoneAt(index: SiteIndex, point: Point, floor: number): Zone | null {
  let best: Zone | null = null;
  for (const zone of index.zones.values()) {
    if (zone.floor !== floor || zone.geometry.type !== 'Polygon' || !pointInPolygon(point, zone.geometry.coordinates)) continue;
    if (!best || extent(zone) < extent(best)) best = zone;
  }
  return best;
}
