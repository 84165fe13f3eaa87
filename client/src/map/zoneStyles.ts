import type { ZoneKind } from '@vigil/shared';
import type L from 'leaflet';

/** Bottom to top: ground cover (and the garage floor) first, then paving, then buildings, gates and the fence line. */
export const ZONE_DRAW_ORDER: readonly ZoneKind[] = [
  'green',
  'water',
  'garage',
  'public',
  'road',
  'plant_room',
  'restricted',
  'building',
  'gate',
  'perimeter',
];

/**
 * Which zones carry a name on the map (places people are sent to, not lawns and roads), most
 * important first: where two names would overlap, the later one gives way until the map zooms in.
 */
export const LABELLED_KINDS: readonly ZoneKind[] = ['gate', 'restricted', 'building', 'garage', 'plant_room', 'water', 'public'];

/** A dark, calm plan: alarms are the only bright things on it. */
const STYLES: Record<ZoneKind, L.PathOptions> = {
  green: { color: '#1f3d2e', weight: 1, fillColor: '#15291f', fillOpacity: 1 },
  water: { color: '#2b6585', weight: 1.5, fillColor: '#123247', fillOpacity: 1 },
  public: { color: '#3b4756', weight: 1, fillColor: '#212b36', fillOpacity: 1 },
  road: { color: '#2f3a46', weight: 0.5, fillColor: '#27313c', fillOpacity: 1 },
  garage: { color: '#6b76b8', weight: 1.5, dashArray: '6 4', fillColor: '#1d2236', fillOpacity: 1 },
  plant_room: { color: '#8a7cc4', weight: 1.5, fillColor: '#2a2640', fillOpacity: 1 },
  restricted: { color: '#d05a64', weight: 2, dashArray: '6 4', fillColor: '#3a1d23', fillOpacity: 1 },
  building: { color: '#6582a3', weight: 1.5, fillColor: '#2a3a4f', fillOpacity: 1 },
  gate: { color: '#d9a441', weight: 2, fillColor: '#3a3220', fillOpacity: 1 },
  perimeter: { color: '#a9bccf', weight: 3, dashArray: '10 4 2 4', fill: false },
};

/** Ground cover lets a plan image show through almost entirely; built places keep a tint to stay findable. */
const GROUND_COVER: readonly ZoneKind[] = ['green', 'water', 'public', 'road', 'garage'];

/** A zone's look; over a plan image the fills turn translucent so the picture shows through. */
export function zoneStyle(kind: ZoneKind, overBackdrop = false): L.PathOptions {
  const style = { ...STYLES[kind], interactive: false };
  if (overBackdrop && style.fill !== false) style.fillOpacity = GROUND_COVER.includes(kind) ? 0.12 : 0.4;
  return style;
}
