import type { Point, Site } from '@vigil/shared';
import L from 'leaflet';

/** Plan metres (x east, y north) to Leaflet's CRS.Simple [lat, lng] = [y, x]. */
export function toLatLng([x, y]: Point): L.LatLngTuple {
  return [y, x];
}

export function planBounds(site: Site): L.LatLngBounds {
  return L.latLngBounds([0, 0], [site.plan.height, site.plan.width]);
}
