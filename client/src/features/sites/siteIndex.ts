import { pointInPolygon, type Alarm, type Device, type Point, type Site, type Zone } from '@vigil/shared';

/** A site with its devices and zones by id, built once when the site loads. */
export interface SiteIndex {
  site: Site;
  devices: ReadonlyMap<string, Device>;
  zones: ReadonlyMap<string, Zone>;
}

export function indexSite(site: Site): SiteIndex {
  return {
    site,
    devices: new Map(site.devices.map((device) => [device.id, device])),
    zones: new Map(site.zones.map((zone) => [zone.id, zone])),
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
  /** Where the alarm is drawn: its device, else its own location (a guard's SOS), else the middle of its zone; null when neither is known. */
  position: Point | null;
  floor: number | null;
}

export function placeOf(alarm: Alarm, index: SiteIndex): AlarmPlace {
  const device = alarm.deviceId ? (index.devices.get(alarm.deviceId) ?? null) : null;
  const zoneId = alarm.zoneId ?? device?.zoneId ?? null;
  const zone = zoneId ? (index.zones.get(zoneId) ?? null) : null;
  if (device) return { device, zone, position: device.position, floor: device.floor };
  if (alarm.location) {
    const { position, floor } = alarm.location;
    return { device, zone: zone ?? zoneAt(index, position, floor), position, floor };
  }
  if (zone) return { device, zone, position: zoneCentre(zone), floor: zone.floor };
  return { device, zone, position: null, floor: null };
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
