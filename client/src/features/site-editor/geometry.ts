import { pointInPolygon, type CameraView, type Point, type Site } from '@vigil/shared';

/** The camera's field of view as a closed ring on the plan (heading clockwise from north, y up). */
export function cameraWedge(position: Point, camera: CameraView, steps = 24): Point[] {
  const [x, y] = position;
  if (camera.angle >= 360) {
    return Array.from({ length: steps * 2 + 1 }, (_, i) => {
      const a = (i / (steps * 2)) * 2 * Math.PI;
      return [x + camera.range * Math.sin(a), y + camera.range * Math.cos(a)] satisfies Point;
    });
  }
  const start = ((camera.heading - camera.angle / 2) * Math.PI) / 180;
  const span = (camera.angle * Math.PI) / 180;
  const arc = Array.from({ length: steps + 1 }, (_, i) => {
    const a = start + (span * i) / steps;
    return [x + camera.range * Math.sin(a), y + camera.range * Math.cos(a)] satisfies Point;
  });
  return [position, ...arc, position];
}

/** A new id for a drawn zone or placed device: the site's prefix, the kind, and a short random tail. */
export function newEntityId(siteId: string, kind: string): string {
  const tail = Math.random().toString(36).slice(2, 8);
  return `${siteId}-${kind.replace(/_/g, '-')}-${tail}`;
}

/** Rounds to centimetres: what a hand on a map can mean. */
export function roundPoint([x, y]: readonly [number, number]): Point {
  return [Math.round(x * 100) / 100, Math.round(y * 100) / 100];
}

export function clampToPlan(point: Point, plan: { width: number; height: number }): Point {
  return [Math.min(Math.max(point[0], 0), plan.width), Math.min(Math.max(point[1], 0), plan.height)];
}

/** The smallest polygon zone on the floor that holds the point: where a new device most likely belongs. */
export function zoneAt(site: Site, floor: number, position: Point): string | null {
  const area = (ring: readonly Point[]) => Math.abs(ring.reduce((sum, [x, y], i) => sum + x * ring[(i + 1) % ring.length]![1] - ring[(i + 1) % ring.length]![0] * y, 0)) / 2;
  const holding = site.zones.flatMap((zone) =>
    zone.floor === floor && zone.geometry.type === 'Polygon' && pointInPolygon(position, zone.geometry.coordinates)
      ? [{ id: zone.id, area: area(zone.geometry.coordinates[0] ?? []) }]
      : [],
  );
  return holding.sort((a, b) => a.area - b.area)[0]?.id ?? null;
}
