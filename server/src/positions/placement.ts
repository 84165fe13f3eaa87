import { fitPlanTransform, gpsToPlan, pointInPolygon, type PlanTransform, type Point, type Site, type Zone } from '@vigil/shared';

interface PolygonZone {
  zone: Zone;
  rings: Point[][];
  /** The outer ring's bounding box [minX, minY, maxX, maxY]: most points fail it before any polygon test. */
  box: [number, number, number, number];
}

function boxOf(ring: readonly Point[] | undefined): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of ring ?? []) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** What placing fixes on one version of a site needs: the fitted transform and its polygon zones. */
export interface SitePlacement {
  transform: PlanTransform | null;
  zonesOnFloor: Map<number, PolygonZone[]>;
}

/**
 * The transform is fitted once per site version: the live projection replaces a site's object
 * whenever it is edited, so a WeakMap keyed by the object is always current.
 */
const cache = new WeakMap<Site, SitePlacement>();

export function placementFor(site: Site): SitePlacement {
  let placement = cache.get(site);
  if (placement) return placement;
  const fitted = site.anchor ? fitPlanTransform(site.anchor) : null;
  const zonesOnFloor = new Map<number, PolygonZone[]>();
  for (const zone of site.zones) {
    if (zone.geometry.type !== 'Polygon') continue;
    const list = zonesOnFloor.get(zone.floor) ?? [];
    list.push({ zone, rings: zone.geometry.coordinates, box: boxOf(zone.geometry.coordinates[0]) });
    zonesOnFloor.set(zone.floor, list);
  }
  placement = { transform: fitted?.ok ? fitted.transform : null, zonesOnFloor };
  cache.set(site, placement);
  return placement;
}

/** GPS to plan metres, or null when the site has no usable anchor. */
export function placeOnPlan(site: Site, lat: number, lon: number): Point | null {
  const { transform } = placementFor(site);
  return transform ? gpsToPlan(transform, lat, lon) : null;
}

/** The polygon zones of the floor that contain the point, sorted by id. */
export function zonesAt(site: Site, point: Point, floor: number): Zone[] {
  const zones = placementFor(site).zonesOnFloor.get(floor);
  if (!zones) return [];
  const [x, y] = point;
  const inside: Zone[] = [];
  for (const { zone, rings, box } of zones) {
    if (x < box[0] || y < box[1] || x > box[2] || y > box[3]) continue;
    if (pointInPolygon(point, rings)) inside.push(zone);
  }
  return inside.length > 1 ? inside.sort((a, b) => a.id.localeCompare(b.id)) : inside;
}

/** The difference between the zones a guard was in and is in now. */
export function zoneChange(before: readonly string[], after: readonly string[]): { entered: string[]; exited: string[] } {
  return {
    entered: after.filter((id) => !before.includes(id)),
    exited: before.filter((id) => !after.includes(id)),
  };
}
