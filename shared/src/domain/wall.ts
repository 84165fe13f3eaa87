import { compareAlarms, type AlarmKind } from './alarm.js';
import type { Alarm, Device, Point, Site } from './types.js';
import { zonePoint } from './geo.js';

/**
 * The video wall (电视墙): monitors, each a browser at `/wall/<monitorId>` showing a layout of
 * tiles. Wall changes are events in the log, so every monitor, replay and drill sees the same.
 */
export const LAYOUTS = ['1', '2x2', '3x3', '4x4', '1+5', '1+7'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** A tile's place in its monitor's grid, in grid cells (0-based). */
export interface TileRect {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

export interface LayoutGrid {
  columns: number;
  rows: number;
  /** In tile order: tile 0 is the big one of `1+5` and `1+7`. */
  tiles: TileRect[];
}

function uniform(size: number): LayoutGrid {
  const tiles: TileRect[] = [];
  for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) tiles.push({ col, row, colSpan: 1, rowSpan: 1 });
  return { columns: size, rows: size, tiles };
}

/** One big tile of (size-1)² cells in the top left, the small ones down the right, then along the bottom left to right. */
function onePlus(size: number): LayoutGrid {
  const big = size - 1;
  const tiles: TileRect[] = [{ col: 0, row: 0, colSpan: big, rowSpan: big }];
  for (let row = 0; row < big; row++) tiles.push({ col: big, row, colSpan: 1, rowSpan: 1 });
  for (let col = 0; col <= big; col++) tiles.push({ col, row: big, colSpan: 1, rowSpan: 1 });
  return { columns: size, rows: size, tiles };
}

const GRIDS: Record<Layout, LayoutGrid> = {
  '1': uniform(1),
  '2x2': uniform(2),
  '3x3': uniform(3),
  '4x4': uniform(4),
  '1+5': onePlus(3),
  '1+7': onePlus(4),
};

export function layoutGrid(layout: Layout): LayoutGrid {
  return GRIDS[layout];
}

export function tileCount(layout: Layout): number {
  return GRIDS[layout].tiles.length;
}

/** The smallest layout that shows `count` tiles, preferring one big tile for a few cameras. */
export function layoutFor(count: number): Layout {
  if (count <= 1) return '1';
  if (count <= 4) return '2x2';
  if (count <= 6) return '1+5';
  if (count <= 8) return '1+7';
  if (count <= 9) return '3x3';
  return '4x4';
}

/** A camera tour (轮巡): cameras in turn, `dwellSeconds` each, from `startedAt`; paused at `pausedAt`. */
export interface TourTile {
  kind: 'tour';
  cameraIds: string[];
  dwellSeconds: number;
  startedAt: string;
  pausedAt: string | null;
}

export type TileContent =
  | { kind: 'empty' }
  | { kind: 'camera'; cameraId: string }
  | { kind: 'map'; siteId: string; floor: number }
  | { kind: 'alarms' }
  /** An incident's running checklist; `incidentId` null shows the site's most urgent open incident. */
  | { kind: 'incident'; incidentId: string | null }
  | TourTile;

export const TILE_KINDS = ['empty', 'camera', 'map', 'alarms', 'incident', 'tour'] as const satisfies readonly TileContent['kind'][];

export const EMPTY_TILE: TileContent = { kind: 'empty' };

/** What a monitor shows: a layout and one content per tile. */
export interface WallView {
  layout: Layout;
  tiles: TileContent[];
}

/**
 * Which alarms take a monitor over (报警联动): open alarms of these kinds (any when empty) at this
 * priority or more urgent pop their linked cameras onto it until they are resolved.
 */
export interface AlarmRule {
  kinds: AlarmKind[];
  /** Alarms with priority ≤ this (1 is the most urgent). */
  maxPriority: number;
  /** How many linked cameras at most, and how far (plan metres) to look for the nearest ones. */
  cameraCount: number;
  radius: number;
}

export interface Monitor {
  id: string;
  siteId: string;
  name: string;
  nameEn: string | null;
  /** Place on the wall, left to right. */
  position: number;
  view: WallView;
  alarmRule: AlarmRule | null;
  /** Alarms an operator sent off this monitor before they were resolved. */
  releasedAlarmIds: string[];
}

/** A saved view (预案/预置位) that can be sent to any monitor. */
export interface WallPreset {
  id: string;
  siteId: string;
  name: string;
  nameEn: string | null;
  view: WallView;
}

/** Keeps the tiles that still fit and fills new places with empty tiles. */
export function withLayout(view: WallView, layout: Layout): WallView {
  const count = tileCount(layout);
  const tiles = Array.from({ length: count }, (_, index) => view.tiles[index] ?? EMPTY_TILE);
  return { layout, tiles };
}

export function withTile(view: WallView, index: number, content: TileContent): WallView {
  if (index < 0 || index >= tileCount(view.layout)) return view;
  const tiles = view.tiles.slice();
  tiles[index] = content;
  return { layout: view.layout, tiles };
}

/** How many released alarms a monitor remembers (resolved ones are harmless; this bounds the list). */
export const RELEASED_KEPT = 50;

export function withReleased(released: readonly string[], alarmId: string): string[] {
  return [...released.filter((id) => id !== alarmId), alarmId].slice(-RELEASED_KEPT);
}

// ---- tours -------------------------------------------------------------------------------

export interface TourPosition {
  index: number;
  cameraId: string;
  /** When the next camera comes up (epoch ms); null while paused or with one camera. */
  nextAt: number | null;
}

/** Which camera a tour shows at `now` (epoch ms): the same answer on every monitor. */
export function tourPosition(tour: TourTile, now: number): TourPosition | null {
  const count = tour.cameraIds.length;
  if (count === 0) return null;
  const dwell = Math.max(1, tour.dwellSeconds) * 1000;
  const started = Date.parse(tour.startedAt);
  const until = tour.pausedAt === null ? now : Date.parse(tour.pausedAt);
  const turns = Math.max(0, Math.floor((until - started) / dwell));
  const index = turns % count;
  const nextAt = tour.pausedAt === null && count > 1 ? started + (turns + 1) * dwell : null;
  return { index, cameraId: tour.cameraIds[index]!, nextAt };
}

export type TourAction = 'pause' | 'resume' | 'next' | 'previous';

/** The tour after an operator's action at `now`; a paused tour stays paused on next/previous. */
export function controlTour(tour: TourTile, action: TourAction, now: number): TourTile {
  const dwell = Math.max(1, tour.dwellSeconds) * 1000;
  const started = Date.parse(tour.startedAt);
  const at = (ms: number) => new Date(ms).toISOString();
  switch (action) {
    case 'pause':
      return tour.pausedAt === null ? { ...tour, pausedAt: at(now) } : tour;
    case 'resume':
      return tour.pausedAt === null ? tour : { ...tour, startedAt: at(started + (now - Date.parse(tour.pausedAt))), pausedAt: null };
    case 'next':
    case 'previous': {
      const position = tourPosition(tour, now);
      if (!position) return tour;
      const step = action === 'next' ? 1 : tour.cameraIds.length - 1;
      const index = (position.index + step) % tour.cameraIds.length;
      // Start the chosen camera's turn now (or at the pause), the rest of the cycle after it.
      const reference = tour.pausedAt === null ? now : Date.parse(tour.pausedAt);
      return { ...tour, startedAt: at(reference - index * dwell) };
    }
  }
}

// ---- alarm linkage -----------------------------------------------------------------------

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** What the camera linkage reads of an alarm (an incident's place reads the same). */
export type CameraAnchor = Pick<Alarm, 'deviceId' | 'zoneId' | 'location'>;

/**
 * Where an alarm is on the plan: its own location, else its device's place, else its zone's
 * (a fire panel, a flood sensor loop, a power cut report a zone and no point).
 */
export function alarmPlace(alarm: CameraAnchor, site: Site): { position: Point; floor: number } | null {
  if (alarm.location) return alarm.location;
  const device = site.devices.find((candidate) => candidate.id === alarm.deviceId);
  if (device) return { position: device.position, floor: device.floor };
  const zone = alarm.zoneId ? site.zones.find((candidate) => candidate.id === alarm.zoneId) : undefined;
  const point = zone ? zonePoint(zone.geometry) : null;
  return zone && point ? { position: point, floor: zone.floor } : null;
}

/**
 * The cameras an alarm brings up, most relevant first: the device itself when it is a camera,
 * the cameras linked to the device, the cameras in the alarm's zone, then the nearest cameras
 * on the same floor within `radius` metres. At most `count`, none twice.
 */
export function linkedCameras(alarm: CameraAnchor, site: Site, options: { count: number; radius: number }): string[] {
  const cameras = site.devices.filter((device) => device.kind === 'camera');
  const byId = new Map(cameras.map((camera) => [camera.id, camera]));
  const chosen: string[] = [];
  const add = (id: string) => {
    if (chosen.length < options.count && byId.has(id) && !chosen.includes(id)) chosen.push(id);
  };
  const place = alarmPlace(alarm, site);
  const nearestFirst = (list: Device[]) =>
    place ? [...list].sort((a, b) => distance(a.position, place.position) - distance(b.position, place.position)) : list;

  const device = site.devices.find((candidate) => candidate.id === alarm.deviceId);
  if (device?.kind === 'camera') add(device.id);
  for (const id of device?.linkedCameraIds ?? []) add(id);
  if (alarm.zoneId) for (const camera of nearestFirst(cameras.filter((c) => c.zoneId === alarm.zoneId))) add(camera.id);
  if (place) {
    const near = cameras.filter((camera) => camera.floor === place.floor && distance(camera.position, place.position) <= options.radius);
    for (const camera of nearestFirst(near)) add(camera.id);
  }
  return chosen;
}

export function ruleMatches(rule: AlarmRule, alarm: Alarm): boolean {
  return alarm.priority <= rule.maxPriority && (rule.kinds.length === 0 || rule.kinds.includes(alarm.kind));
}

export interface Takeover {
  alarm: Alarm;
  view: WallView;
}

/**
 * What an alarm monitor shows instead of its own view: the linked cameras of the most urgent
 * open alarm its rule matches (and no operator released), or null to show its own view. Derived
 * from the state, so live, replay and drills agree, and resolving the alarm gives the view back.
 */
export function monitorTakeover(
  monitor: Monitor,
  /** The live alarms (`state.alarms.values()`, or any list of them). */
  alarms: Iterable<Alarm>,
  sites: Record<string, Site>,
): Takeover | null {
  const rule = monitor.alarmRule;
  const site = sites[monitor.siteId];
  if (!rule || !site) return null;
  const candidates = [...alarms].filter(
    (alarm) =>
      alarm.siteId === monitor.siteId &&
      alarm.state !== 'resolved' &&
      ruleMatches(rule, alarm) &&
      !monitor.releasedAlarmIds.includes(alarm.id),
  );
  const alarm = candidates.sort(compareAlarms)[0];
  if (!alarm) return null;
  const cameraIds = linkedCameras(alarm, site, { count: rule.cameraCount, radius: rule.radius });
  const tiles: TileContent[] =
    cameraIds.length > 0 ? cameraIds.map((cameraId) => ({ kind: 'camera', cameraId })) : [{ kind: 'map', siteId: site.id, floor: alarmPlace(alarm, site)?.floor ?? 0 }];
  return { alarm, view: withLayout({ layout: '1', tiles }, layoutFor(tiles.length)) };
}
