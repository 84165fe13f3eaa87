import type { AlarmKind, AlarmState, Disposition } from './alarm.js';
import type { GeoAnchor } from './geo.js';
import type { AlarmText } from './texts.js';

export const ROLES = ['admin', 'commander', 'operator', 'guard', 'wall'] as const;
export type Role = (typeof ROLES)[number];

/** Who did something: a person, a device, an integration, the simulator or the system itself. */
export interface Actor {
  kind: 'user' | 'device' | 'integration' | 'simulator' | 'system';
  id: string;
  name: string;
}

export interface AlarmSource {
  deviceId?: string;
  externalId?: string;
}

export interface Alarm {
  id: string;
  siteId: string;
  kind: AlarmKind;
  priority: number;
  state: AlarmState;
  source: AlarmSource;
  deviceId: string | null;
  zoneId: string | null;
  /** Where on the plan, when it is not a device's place (a guard's SOS, say). */
  location: { position: Point; floor: number } | null;
  /** The integration's own words, shown as sent; empty for an alarm the server made. */
  message: string;
  /** A server-made alarm's text as a code the screen renders in its language; null for an integration's. */
  text: AlarmText | null;
  attributes: Record<string, string | number | boolean>;
  /** The sender's own time of the first occurrence. */
  occurredAt: string;
  /** Server time of the first and the latest occurrence. */
  firstAt: string;
  lastAt: string;
  count: number;
  owner: { id: string; name: string } | null;
  acknowledgedAt: string | null;
  heldAt: string | null;
  disposition: Disposition | null;
  note: string | null;
  resolvedAt: string | null;
  resolvedBy: { id: string; name: string } | null;
  /** The incident this alarm is part of (absent in events stored before incidents). */
  incidentId?: string | null;
  /** When it escalated to the commander unacknowledged (absent in events stored before escalation). */
  escalatedAt?: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The sites this login sees (its sockets get nothing of others); null is every site. */
  siteIds: string[] | null;
}

export type Point = [x: number, y: number];

export const ZONE_KINDS = [
  'perimeter',
  'building',
  'garage',
  'public',
  'plant_room',
  'gate',
  'road',
  'green',
  'water',
  'restricted',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const DEVICE_KINDS = [
  'camera',
  'perimeter_beam',
  'vibration_fibre',
  'door',
  'smoke_detector',
  'heat_detector',
  'fire_panel',
  'call_point',
  'elevator',
  'panic_button',
  'speaker',
  'checkpoint',
  'supplies',
  'aed',
  'water_sensor',
  'gate_barrier',
] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DEVICE_STATUSES = ['online', 'offline', 'fault', 'alarm', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** A zone (防区/区域): polygon (closed ring, local metres) or a perimeter line segment. */
export interface Zone {
  id: string;
  siteId: string;
  name: string;
  nameEn: string | null;
  kind: ZoneKind;
  floor: number;
  geometry: { type: 'Polygon'; coordinates: Point[][] } | { type: 'LineString'; coordinates: Point[] };
}

export interface Device {
  id: string;
  siteId: string;
  zoneId: string | null;
  kind: DeviceKind;
  name: string;
  nameEn: string | null;
  position: Point;
  floor: number;
  status: DeviceStatus;
  /** Cameras: field of view — heading in degrees clockwise from north, angle in degrees, range in metres. */
  camera: CameraView | null;
  /** The cameras that watch this device: its alarms bring them up on the wall first. */
  linkedCameraIds: string[];
}

export interface CameraView {
  heading: number;
  angle: number;
  range: number;
}

export interface Floor {
  level: number;
  name: string;
  nameEn: string | null;
}

/** A site (项目/小区) with its plan in local metres (Leaflet CRS.Simple: x east, y north). */
export interface Site {
  id: string;
  name: string;
  nameEn: string | null;
  plan: { width: number; height: number };
  /** Places GPS fixes on the plan; null when the site has none. */
  anchor: GeoAnchor | null;
  /** Optional raster under the vector plan; never required. */
  backdrop: SiteBackdrop | null;
  floors: Floor[];
  zones: Zone[];
  devices: Device[];
}

/**
 * A plan image stretched over plan bounds, or a tile server in plan coordinates; shown under
 * one floor's plan (`floor`, the level it is a drawing of) or under every floor when absent.
 */
export type SiteBackdrop =
  | { kind: 'image'; url: string; bounds: [Point, Point]; floor?: number }
  | { kind: 'tiles'; url: string; maxZoom: number; floor?: number };
