import { fitPlanTransform, gpsToPlan, pointInPolygon, type PlanTransform, type Point, type Site, type Zone } from '@vigil/shared';

interface PolygonZone {
  zone: Zone;
  rings: Point[][];
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
    list.push({ zone, rings: zone.geometry.coordinates });
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
  const zones = placementFor(site).zonesOnFloor.get(floor) ?? [];
  return zones
    .filter(({ rings }) => pointInPolygon(point, rings))
    .map(({ zone }) => zone)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The difference between the zones a guard was in and is in now. */
export function zoneChange(before: readonly string[], after: readonly string[]): { entered: string[]; exited: string[] } {
  return {
    entered: after.filter((id) => !before.includes(id)),
    exited: before.filter((id) => !after.includes(id)),
  };
}
