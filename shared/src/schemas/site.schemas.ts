import { z } from 'zod';
import { text } from './text.js';
import { DEVICE_KINDS, DEVICE_STATUSES, ZONE_KINDS } from '../domain/types.js';
import type { Device, Point, Site, Zone } from '../domain/types.js';
import { fitPlanTransform } from '../domain/geo.js';

/**
 * Schemas for editing a site (admin) and for its import/export document.
 * Errors name the field and the rule: `geometry.coordinates[0]: a ring must be closed …`.
 */

export const EntityId = text('must be a string')
  .min(1, { error: 'must not be empty' })
  .max(128, { error: 'must be at most 128 characters' })
  .regex(/^[\w.:\-@]+$/, { error: 'may contain only letters, digits and . : - _ @' });

const Name = text('must be a string')
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(120, { error: 'must be at most 120 characters' });
const NameEn = Name.nullable().optional();
const Level = z
  .number({ error: 'must be an integer from -20 to 200' })
  .int({ error: 'must be an integer from -20 to 200' })
  .min(-20, { error: 'must be an integer from -20 to 200' })
  .max(200, { error: 'must be an integer from -20 to 200' });

const Coordinate = z.number({ error: 'must be a finite number (metres)' }).finite({ error: 'must be a finite number (metres)' });
export const PointSchema = z.tuple([Coordinate, Coordinate], { error: 'must be [x, y] in plan metres' });

const samePoint = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

const Ring = z
  .array(PointSchema, { error: 'must be an array of [x, y] positions' })
  .min(4, { error: 'a ring needs at least 4 positions (3 corners and the first one again)' })
  .refine((ring) => ring.length < 4 || samePoint(ring[0]!, ring[ring.length - 1]!), {
    error: 'a ring must be closed: the last position must equal the first',
  });

export const PolygonGeometry = z
  .object({
    type: z.literal('Polygon', { error: 'must be "Polygon" or "LineString"' }),
    coordinates: z.array(Ring, { error: 'must be an array of rings' }).min(1, { error: 'needs an outer ring' }).max(50),
  })
  .strict();
export const LineStringGeometry = z
  .object({
    type: z.literal('LineString', { error: 'must be "Polygon" or "LineString"' }),
    coordinates: z.array(PointSchema, { error: 'must be an array of [x, y] positions' }).min(2, { error: 'a line needs at least 2 positions' }),
  })
  .strict();
export const ZoneGeometry = z.discriminatedUnion('type', [PolygonGeometry, LineStringGeometry], {
  error: 'type: must be "Polygon" or "LineString"',
});

export const CameraViewSchema = z
  .object({
    heading: z
      .number({ error: 'must be a number of degrees from 0 to 360 (clockwise from north)' })
      .min(0, { error: 'must be from 0 to 360 degrees' })
      .max(360, { error: 'must be from 0 to 360 degrees' }),
    angle: z
      .number({ error: 'must be a number of degrees from 1 to 360' })
      .min(1, { error: 'must be from 1 to 360 degrees' })
      .max(360, { error: 'must be from 1 to 360 degrees' }),
    range: z
      .number({ error: 'must be a number of metres from 1 to 500' })
      .min(1, { error: 'must be from 1 to 500 metres' })
      .max(500, { error: 'must be from 1 to 500 metres' }),
  })
  .strict();

const ZoneKindSchema = z.enum(ZONE_KINDS, { error: `must be one of ${ZONE_KINDS.join(', ')}` });
const DeviceKindSchema = z.enum(DEVICE_KINDS, { error: `must be one of ${DEVICE_KINDS.join(', ')}` });
const DeviceStatusSchema = z.enum(DEVICE_STATUSES, { error: `must be one of ${DEVICE_STATUSES.join(', ')}` });

const cameraOnlyOnCameras = (device: { kind: string; camera?: unknown }) => device.kind === 'camera' || device.camera === null || device.camera === undefined;
const cameraRule = { error: 'only a camera has a field of view; set it to null', path: ['camera'] };

/** PUT /sites/:siteId/zones/:zoneId */
export const ZoneInput = z
  .object({ name: Name, nameEn: NameEn, kind: ZoneKindSchema, floor: Level.default(0), geometry: ZoneGeometry })
  .strict();
export type ZoneInput = z.infer<typeof ZoneInput>;

/** The cameras that watch a device, most relevant first (their alarms bring them up). */
const LinkedCameraIds = z
  .array(EntityId, { error: 'must be an array of camera ids' })
  .max(16, { error: 'must name at most 16 cameras' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not name a camera twice' });

/** PUT /sites/:siteId/devices/:deviceId */
export const DeviceInput = z
  .object({
    name: Name,
    nameEn: NameEn,
    kind: DeviceKindSchema,
    floor: Level.default(0),
    zoneId: EntityId.nullable().optional(),
    position: PointSchema,
    status: DeviceStatusSchema.optional(),
    camera: CameraViewSchema.nullable().optional(),
    linkedCameraIds: LinkedCameraIds.optional(),
  })
  .strict()
  .refine(cameraOnlyOnCameras, cameraRule);
export type DeviceInput = z.infer<typeof DeviceInput>;

/** POST /devices/:deviceId/status (integrations). */
export const DeviceStatusInput = z.object({ status: DeviceStatusSchema }).strict();
export type DeviceStatusInput = z.infer<typeof DeviceStatusInput>;

const PlanSize = z
  .object({
    width: z.number({ error: 'must be a number of metres from 1 to 100000' }).min(1).max(100_000, { error: 'must be at most 100000 metres' }),
    height: z.number({ error: 'must be a number of metres from 1 to 100000' }).min(1).max(100_000, { error: 'must be at most 100000 metres' }),
  })
  .strict();

const FloorSchema = z.object({ level: Level, name: Name, nameEn: Name.nullable().default(null) }).strict();
const Floors = z
  .array(FloorSchema, { error: 'must be an array of floors' })
  .min(1, { error: 'needs at least one floor' })
  .max(100)
  .refine((floors) => new Set(floors.map((floor) => floor.level)).size === floors.length, { error: 'levels must be unique' });

const ControlPointSchema = z
  .object({
    plan: PointSchema,
    lat: z.number({ error: 'must be a latitude from -90 to 90' }).min(-90).max(90, { error: 'must be a latitude from -90 to 90' }),
    lon: z.number({ error: 'must be a longitude from -180 to 180' }).min(-180).max(180, { error: 'must be a longitude from -180 to 180' }),
  })
  .strict();
export const GeoAnchorSchema = z
  .object({ controlPoints: z.array(ControlPointSchema, { error: 'must be an array of control points' }).max(50) })
  .strict()
  .superRefine((anchor, context) => {
    const fit = fitPlanTransform(anchor);
    if (!fit.ok) context.addIssue({ code: 'custom', message: fit.error.replace(/^controlPoints: /, ''), path: ['controlPoints'] });
  });

const Url = text('must be a URL').min(1).max(2000).regex(/^(https?:\/\/\S+|\/(?!\/)\S+)$/, { error: 'must be an http(s) URL or a path starting with /' });
const BackdropBounds = z
  .tuple([PointSchema, PointSchema], { error: 'must be two corners [[x, y], [x, y]] in plan metres' })
  .refine(([a, b]) => a[0] !== b[0] && a[1] !== b[1], { error: 'the two corners must differ in x and in y' });
const TileUrl = Url.refine((url) => ['{z}', '{x}', '{y}'].every((part) => url.includes(part)), { error: 'must contain {z}, {x} and {y}' });
const MaxZoom = z
  .number({ error: 'must be an integer from 0 to 24' })
  .int({ error: 'must be an integer from 0 to 24' })
  .min(0, { error: 'must be an integer from 0 to 24' })
  .max(24, { error: 'must be an integer from 0 to 24' });

/**
 * A raster under the vector plan, never required. `image`: one picture stretched over `bounds`
 * (plan metres), e.g. an uploaded plan (`POST /sites/:siteId/images`). `tiles`: 256-px tiles in
 * plan coordinates, as Leaflet's CRS.Simple cuts them: at zoom z a tile is 256 / 2^z metres wide,
 * `{x}` counts columns east from the plan's west edge (x = 0) and `{y}` rows north from its south
 * edge (y = 0), both from 0; zoom 0 is one pixel per metre, `maxZoom` the deepest level served.
 * `floor`: the level the picture is a plan of (the ground's plan is not the garage's); every floor when absent.
 */
export const BackdropSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('image'), url: Url, bounds: BackdropBounds, floor: Level.optional() }).strict(),
    z.object({ kind: z.literal('tiles'), url: TileUrl, maxZoom: MaxZoom, floor: Level.optional() }).strict(),
  ],
  { error: 'kind: must be "image" or "tiles"' },
);

/** PATCH /sites/:siteId — every field optional; anchor and backdrop may be cleared with null. */
export const SitePatch = z
  .object({
    name: Name.optional(),
    nameEn: NameEn,
    plan: PlanSize.optional(),
    floors: Floors.optional(),
    anchor: GeoAnchorSchema.nullable().optional(),
    backdrop: BackdropSchema.nullable().optional(),
  })
  .strict();
export type SitePatch = z.infer<typeof SitePatch>;

/* ------------------------------------------------------------------ site document */

/**
 * The whole site as one GeoJSON FeatureCollection (import/export). Coordinates are plan metres
 * ([x east, y north] from the plan's south-west corner), NOT longitude/latitude; the site's own
 * fields ride in the foreign member `site`. Each feature's `properties.entity` says what it is:
 * a `zone` (Polygon or LineString) or a `device` (Point).
 *
 * ```json
 * { "type": "FeatureCollection", "vigil": 1,
 *   "site": { "id": "demo", "name": "…", "nameEn": "…", "plan": { "width": 400, "height": 300 },
 *             "floors": [{ "level": 0, "name": "地面", "nameEn": "Ground" }], "anchor": null, "backdrop": null },
 *   "features": [
 *     { "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[0,0],[10,0],[10,10],[0,0]]] },
 *       "properties": { "entity": "zone", "id": "demo-z-b1", "kind": "building", "name": "1号楼", "nameEn": "Building 1", "floor": 0 } },
 *     { "type": "Feature", "geometry": { "type": "Point", "coordinates": [5, 5] },
 *       "properties": { "entity": "device", "id": "demo-cam-01", "kind": "camera", "name": "…", "nameEn": null, "floor": 0,
 *                       "zoneId": "demo-z-b1", "status": "online", "camera": { "heading": 90, "angle": 60, "range": 40 } } } ] }
 * ```
 */
export const SITE_DOCUMENT_VERSION = 1;

const SiteHeader = z
  .object({
    id: EntityId,
    name: Name,
    nameEn: NameEn,
    plan: PlanSize,
    floors: Floors,
    anchor: GeoAnchorSchema.nullable().default(null),
    backdrop: BackdropSchema.nullable().default(null),
  })
  .strict();

const ZoneFeature = z
  .object({
    type: z.literal('Feature', { error: 'must be "Feature"' }),
    id: z.unknown().optional(),
    geometry: ZoneGeometry,
    properties: z
      .object({ entity: z.literal('zone'), id: EntityId, kind: ZoneKindSchema, name: Name, nameEn: NameEn, floor: Level.default(0) })
      .strict(),
  })
  .strict();

const DeviceFeature = z
  .object({
    type: z.literal('Feature', { error: 'must be "Feature"' }),
    id: z.unknown().optional(),
    geometry: z.object({ type: z.literal('Point', { error: 'a device must be a "Point"' }), coordinates: PointSchema }).strict(),
    properties: z
      .object({
        entity: z.literal('device'),
        id: EntityId,
        kind: DeviceKindSchema,
        name: Name,
        nameEn: NameEn,
        floor: Level.default(0),
        zoneId: EntityId.nullable().default(null),
        status: DeviceStatusSchema.default('online'),
        camera: CameraViewSchema.nullable().default(null),
        linkedCameraIds: LinkedCameraIds.default([]),
      })
      .strict()
      .refine(cameraOnlyOnCameras, cameraRule),
  })
  .strict();

const DocumentShell = z
  .object({
    type: z.literal('FeatureCollection', { error: 'must be "FeatureCollection"' }),
    vigil: z.literal(SITE_DOCUMENT_VERSION, { error: `must be ${SITE_DOCUMENT_VERSION} (the document format version)` }),
    site: SiteHeader,
    features: z.array(z.unknown(), { error: 'must be an array of features' }).max(20_000, { error: 'must have at most 20000 features' }),
  })
  .strict();

export interface SiteDocument {
  type: 'FeatureCollection';
  vigil: typeof SITE_DOCUMENT_VERSION;
  site: Omit<Site, 'zones' | 'devices'>;
  features: SiteFeature[];
}
export type SiteFeature =
  | { type: 'Feature'; geometry: Zone['geometry']; properties: { entity: 'zone'; id: string; kind: Zone['kind']; name: string; nameEn: string | null; floor: number } }
  | {
      type: 'Feature';
      geometry: { type: 'Point'; coordinates: Point };
      properties: Omit<Device, 'siteId' | 'position'> & { entity: 'device' };
    };

/** `features[3].geometry.coordinates[0][2]` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function issuesOf(error: z.ZodError, prefix: string): string[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${prefix}${path ? `${path}.` : ''}${key}: unknown field`).join('; ');
    return `${prefix}${path}: ${issue.message}`;
  });
}

/** Like `parseWith`, with array positions in brackets: `geometry.coordinates[0][3]: …`. */
export function parseSiteInput<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; error: string } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: issuesOf(result.error, '').slice(0, 10).join('; ').replace(/^: /, 'body: ') };
}

/** What a raw feature claims to be, for naming it in errors even when it does not parse. */
function describeFeature(raw: unknown): { entity: 'zone' | 'device' | null; id: string | null; label: string } {
  const properties = typeof raw === 'object' && raw !== null ? (raw as { properties?: unknown }).properties : undefined;
  const record = typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : {};
  const entity = record.entity === 'zone' || record.entity === 'device' ? record.entity : null;
  const id = typeof record.id === 'string' ? record.id : null;
  return { entity, id, label: entity && id ? ` (${entity} ${id})` : id ? ` (${id})` : '' };
}

function inside(point: Point, plan: { width: number; height: number }): boolean {
  return point[0] >= 0 && point[0] <= plan.width && point[1] >= 0 && point[1] <= plan.height;
}

/** Every position of a geometry with its path under `geometry.coordinates`. */
export function positionsOf(geometry: Zone['geometry']): { point: Point; path: string }[] {
  if (geometry.type === 'LineString') return geometry.coordinates.map((point, i) => ({ point, path: `[${i}]` }));
  return geometry.coordinates.flatMap((ring, r) => ring.map((point, i) => ({ point, path: `[${r}][${i}]` })));
}

/** Problems with a zone's place on the site: its positions outside the plan, its floor missing. */
export function zonePlacementErrors(
  site: Pick<Site, 'plan' | 'floors'>,
  zone: Pick<Zone, 'geometry' | 'floor'>,
  prefix = '',
  floorField = 'floor',
): string[] {
  const errors: string[] = [];
  const outside = positionsOf(zone.geometry).find(({ point }) => !inside(point, site.plan));
  if (outside) errors.push(`${prefix}geometry.coordinates${outside.path}: must be inside the plan (0–${site.plan.width} × 0–${site.plan.height} m)`);
  if (!site.floors.some((floor) => floor.level === zone.floor)) errors.push(`${prefix}${floorField}: no floor with level ${zone.floor} on this site`);
  return errors;
}

/** Problems with a device's place: position outside the plan, floor or zone missing. */
export function devicePlacementErrors(
  site: Pick<Site, 'plan' | 'floors'>,
  device: Pick<Device, 'position' | 'floor' | 'zoneId'>,
  zoneIds: ReadonlySet<string>,
  prefix = '',
  fields: { position: string; floor: string; zoneId: string } = { position: 'position', floor: 'floor', zoneId: 'zoneId' },
): string[] {
  const errors: string[] = [];
  if (!inside(device.position, site.plan)) errors.push(`${prefix}${fields.position}: must be inside the plan (0–${site.plan.width} × 0–${site.plan.height} m)`);
  if (!site.floors.some((floor) => floor.level === device.floor)) errors.push(`${prefix}${fields.floor}: no floor with level ${device.floor} on this site`);
  if (device.zoneId && !zoneIds.has(device.zoneId)) errors.push(`${prefix}${fields.zoneId}: no zone with id "${device.zoneId}" on this site`);
  return errors;
}

/** A backdrop drawn for one floor needs that floor on the site. */
export function backdropPlacementErrors(site: Pick<Site, 'floors' | 'backdrop'>, prefix = ''): string[] {
  const floor = site.backdrop?.floor;
  if (floor === undefined || site.floors.some((candidate) => candidate.level === floor)) return [];
  return [`${prefix}backdrop.floor: no floor with level ${floor} on this site`];
}

export type SiteDocumentResult = { ok: true; site: Site } | { ok: false; errors: string[] };

/** The most errors one answer lists; enough to fix a file in a few rounds, short enough to read. */
export const MAX_DOCUMENT_ERRORS = 50;

/**
 * Validates a site document and turns it into a Site. Every error names the feature (index,
 * entity and id) and the field, e.g. `features[12] (device demo-cam-03).properties.kind: must be one of …`.
 */
export function parseSiteDocument(input: unknown): SiteDocumentResult {
  const shell = DocumentShell.safeParse(input);
  if (!shell.success) return { ok: false, errors: issuesOf(shell.error, '').slice(0, MAX_DOCUMENT_ERRORS) };
  const header = shell.data.site;
  const errors: string[] = [];
  const zones: Zone[] = [];
  const devices: { device: Device; prefix: string }[] = [];
  const seen = new Map<string, number>();
  /** Zones named by a feature, even one with errors: a device in it should not add a second error. */
  const zoneIds = new Set<string>();
  shell.data.features.forEach((raw, index) => {
    const { entity, id: claimedId, label } = describeFeature(raw);
    if (entity === 'zone' && claimedId) zoneIds.add(claimedId);
    const prefix = `features[${index}]${label}.`;
    if (!entity) {
      errors.push(`${prefix}properties.entity: must be "zone" or "device"`);
      return;
    }
    const parsed = entity === 'zone' ? ZoneFeature.safeParse(raw) : DeviceFeature.safeParse(raw);
    if (!parsed.success) {
      errors.push(...issuesOf(parsed.error, prefix));
      return;
    }
    const id = parsed.data.properties.id;
    const first = seen.get(id);
    if (first !== undefined) errors.push(`${prefix}properties.id: "${id}" is already used by features[${first}]`);
    else seen.set(id, index);
    if (parsed.data.geometry.type === 'Point') {
      const { entity: _entity, ...properties } = (parsed.data as z.infer<typeof DeviceFeature>).properties;
      devices.push({ device: { ...properties, siteId: header.id, nameEn: properties.nameEn ?? null, position: parsed.data.geometry.coordinates }, prefix });
    } else {
      const { properties, geometry } = parsed.data as z.infer<typeof ZoneFeature>;
      const zone: Zone = { id, siteId: header.id, name: properties.name, nameEn: properties.nameEn ?? null, kind: properties.kind, floor: properties.floor, geometry };
      errors.push(...zonePlacementErrors(header, zone, prefix, 'properties.floor'));
      zones.push(zone);
    }
  });
  errors.push(...backdropPlacementErrors(header, 'site.'));
  const documentFields = { position: 'geometry.coordinates', floor: 'properties.floor', zoneId: 'properties.zoneId' };
  for (const { device, prefix } of devices) errors.push(...devicePlacementErrors(header, device, zoneIds, prefix, documentFields));
  const cameraIds = new Set(devices.filter(({ device }) => device.kind === 'camera').map(({ device }) => device.id));
  for (const { device, prefix } of devices) errors.push(...linkedCameraErrors(device, cameraIds, `${prefix}properties.linkedCameraIds`));
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, MAX_DOCUMENT_ERRORS) };
  const site: Site = {
    ...header,
    nameEn: header.nameEn ?? null,
    anchor: header.anchor,
    backdrop: header.backdrop,
    zones,
    devices: devices.map(({ device }) => device),
  };
  return { ok: true, site };
}

/** Linked cameras must be other cameras of the same site. */
export function linkedCameraErrors(device: Pick<Device, 'id' | 'linkedCameraIds'>, cameraIds: ReadonlySet<string>, field: string): string[] {
  return device.linkedCameraIds.flatMap((id, index) => {
    if (id === device.id) return [`${field}[${index}]: a device cannot be linked to itself`];
    return cameraIds.has(id) ? [] : [`${field}[${index}]: no camera "${id}" in this site`];
  });
}

/** The export: a site as its document. `parseSiteDocument(siteToDocument(site))` gives the site back. */
export function siteToDocument(site: Site): SiteDocument {
  const { zones, devices, ...header } = site;
  return {
    type: 'FeatureCollection',
    vigil: SITE_DOCUMENT_VERSION,
    site: header,
    features: [
      ...zones.map(
        (zone): SiteFeature => ({
          type: 'Feature',
          geometry: zone.geometry,
          properties: { entity: 'zone', id: zone.id, kind: zone.kind, name: zone.name, nameEn: zone.nameEn, floor: zone.floor },
        }),
      ),
      ...devices.map(({ siteId: _siteId, position, ...device }): SiteFeature => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: position },
        properties: { entity: 'device', ...device },
      })),
    ],
  };
}
