/**
 * The OsmAnd protocol as Traccar Client, OsmAnd and GPSLogger send it (Traccar's
 * `OsmAndProtocolDecoder`): a query string (GET, or POST with the query in the URL or a form
 * body), or the JSON form of Traccar Client ≥ 9. Pure: no I/O, the server's time passed in.
 */
import { formatZodError } from '@vigil/shared';
import { z } from 'zod';

/**
 * A fix as a tracker reported it, normalized: speed in m/s, battery 0–100. `lat`/`lon` are null
 * for a report without coordinates (cell or Wi-Fi only, or 0,0): as Traccar does, the guard keeps
 * the last known position and the report's battery and alarm still count.
 */
export interface TrackerFix {
  trackerId: string;
  at: Date;
  lat: number | null;
  lon: number | null;
  accuracy: number | null;
  heading: number | null;
  speed: number | null;
  altitude: number | null;
  battery: number | null;
  charging: boolean | null;
  /** `sos`, `fallDown`, `lowBattery` …: Traccar's alarm attribute. */
  alarm: string | null;
  /** Not part of OsmAnd: a `floor` attribute (indoor trackers, the simulator); null when absent. */
  floor: number | null;
}

export type TrackerParse = { ok: true; fixes: TrackerFix[] } | { ok: false; error: string };

export const KNOTS_TO_MPS = 1852 / 3600;
/** Traccar: a number below 2^31 is epoch seconds, above it epoch milliseconds. */
const SECONDS_LIMIT = 2_147_483_647;
const TRACKER_ID = /^[\w.:\-@]{1,128}$/;

/** Epoch seconds, epoch milliseconds, ISO-8601, or `yyyy-MM-dd HH:mm:ss` (UTC); null if none of these. */
export function parseTimestamp(raw: string): Date | null {
  const value = raw.trim();
  if (/^\d+(\.\d+)?$/.test(value)) {
    const number = Number(value);
    return new Date(number < SECONDS_LIMIT ? Math.round(number * 1000) : Math.round(number));
  }
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(value)) return new Date(`${value.replace(' ', 'T')}Z`);
  // A `+08:00` offset in a query string arrives as ` 08:00` when the sender did not encode `+`.
  const iso = value.replace(/(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$4');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms);
}

type Params = Record<string, string | undefined>;

class FieldError extends Error {}

function numberParam(params: Params, names: readonly string[], range?: [number, number]): number | null {
  const name = names.find((n) => params[n] !== undefined && params[n] !== '');
  if (!name) return null;
  const value = Number(params[name]);
  if (!Number.isFinite(value)) throw new FieldError(`${name}: must be a number`);
  if (range && (value < range[0] || value > range[1])) throw new FieldError(`${name}: must be a number from ${range[0]} to ${range[1]}`);
  return value;
}

function booleanParam(params: Params, name: string): boolean | null {
  const value = params[name]?.toLowerCase();
  if (value === undefined || value === '') return null;
  return value === 'true' || value === '1';
}

type Coordinates = { lat: number; lon: number } | { lat: null; lon: null };

/** Traccar's rule: 0,0 is no position (a tracker with no fix sends it), not a place in the sea. */
const located = (lat: number, lon: number): Coordinates => (lat === 0 && lon === 0 ? { lat: null, lon: null } : { lat, lon });

/** Coordinates, or none at all (a cell/Wi-Fi-only report); one without the other is an error. */
function location(params: Params): Coordinates {
  if (params.location !== undefined && params.location !== '' && params.lat === undefined) {
    const [lat, lon, extra] = params.location.split(',');
    if (lat === undefined || lon === undefined || extra !== undefined) throw new FieldError('location: must be "lat,lon"');
    return located(numberParam({ location: lat }, ['location'], [-90, 90]) ?? Number.NaN, numberParam({ location: lon }, ['location'], [-180, 180]) ?? Number.NaN);
  }
  const lat = numberParam(params, ['lat'], [-90, 90]);
  const lon = numberParam(params, ['lon'], [-180, 180]);
  if (lat === null && lon === null) return { lat: null, lon: null };
  if (lat === null) throw new FieldError('lat: is required with lon (or location=lat,lon)');
  if (lon === null) throw new FieldError('lon: is required with lat (or location=lat,lon)');
  return located(lat, lon);
}

/** Traccar's alarm attribute may combine several (`sos,lowBattery`): SOS if one of them is. */
export function isSosAlarm(alarm: string | null): boolean {
  return alarm !== null && alarm.split(',').some((part) => part.trim().toLowerCase() === 'sos');
}

function timestamp(raw: string | undefined, now: Date, field: string): Date {
  if (raw === undefined || raw === '') return now;
  const at = parseTimestamp(raw);
  if (!at || Number.isNaN(at.getTime())) throw new FieldError(`${field}: must be epoch seconds, epoch milliseconds or an ISO-8601 time`);
  return at;
}

/** The query form: `?id=…&lat=…&lon=…&timestamp=…&speed=<knots>&bearing=…&batt=…&alarm=sos`. */
export function parseOsmAndQuery(params: Params, now: Date): TrackerParse {
  try {
    const trackerId = params.id ?? params.deviceid;
    if (trackerId === undefined || trackerId === '') throw new FieldError('id: is required (id or deviceid)');
    if (!TRACKER_ID.test(trackerId)) throw new FieldError('id: must be 1 to 128 letters, digits or . : - _ @');
    const speedKnots = numberParam(params, ['speed'], [0, 2000]);
    const floor = numberParam(params, ['floor'], [-20, 200]);
    if (floor !== null && !Number.isInteger(floor)) throw new FieldError('floor: must be an integer');
    const fix: TrackerFix = {
      trackerId,
      at: timestamp(params.timestamp, now, 'timestamp'),
      ...location(params),
      accuracy: numberParam(params, ['accuracy'], [0, 1e6]),
      heading: numberParam(params, ['bearing', 'heading'], [0, 360]),
      speed: speedKnots === null ? null : speedKnots * KNOTS_TO_MPS,
      altitude: numberParam(params, ['altitude']),
      battery: numberParam(params, ['batt'], [0, 100]),
      charging: booleanParam(params, 'charge'),
      alarm: params.alarm || null,
      floor,
    };
    return { ok: true, fixes: [fix] };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, error: error.message };
    throw error;
  }
}

/** -1 is how the background-geolocation plugin says "unknown". */
const optionalNumber = (range?: [number, number]) =>
  z
    .number({ error: 'must be a number' })
    .finite({ error: 'must be finite' })
    .refine((v) => v === -1 || !range || (v >= range[0] && v <= range[1]), { error: range ? `must be a number from ${range[0]} to ${range[1]}` : 'must be a number' })
    .nullable()
    .optional();

const JsonLocation = z.object({
  timestamp: z.string({ error: 'must be an ISO-8601 time' }).optional(),
  /** Absent in a report without a position fix: the last known position stays. */
  coords: z.object({
    latitude: z.number({ error: 'must be a number from -90 to 90' }).min(-90, { error: 'must be a number from -90 to 90' }).max(90, { error: 'must be a number from -90 to 90' }),
    longitude: z.number({ error: 'must be a number from -180 to 180' }).min(-180, { error: 'must be a number from -180 to 180' }).max(180, { error: 'must be a number from -180 to 180' }),
    accuracy: optionalNumber([0, 1e6]),
    speed: optionalNumber([0, 1000]),
    heading: optionalNumber([0, 360]),
    altitude: z.number({ error: 'must be a number' }).finite().nullable().optional(),
  }).optional(),
  battery: z.object({ level: optionalNumber([0, 1]), is_charging: z.boolean().nullable().optional() }).optional(),
  event: z.string().optional(),
  is_moving: z.boolean().optional(),
  alarm: z.string().optional(),
  extras: z.record(z.string(), z.unknown()).optional(),
});

const JsonBody = z.object({
  device_id: z.string({ error: 'is required' }).regex(TRACKER_ID, { error: 'must be 1 to 128 letters, digits or . : - _ @' }),
  location: z.union([JsonLocation, z.array(JsonLocation).min(1).max(500)]),
});

const known = (value: number | null | undefined) => (value === undefined || value === null || value === -1 ? null : value);

/** The JSON form (Traccar Client ≥ 9): `{device_id, location: {timestamp, coords, battery, extras}}`; speed already in m/s. */
export function parseOsmAndJson(body: unknown, now: Date): TrackerParse {
  const parsed = JsonBody.safeParse(body);
  if (!parsed.success) return { ok: false, error: formatZodError(parsed.error) };
  const { device_id: trackerId } = parsed.data;
  const locations = Array.isArray(parsed.data.location) ? parsed.data.location : [parsed.data.location];
  try {
    const fixes = locations.map((loc, index): TrackerFix => {
      const field = Array.isArray(parsed.data.location) ? `location.${index}` : 'location';
      const level = known(loc.battery?.level);
      const alarm = loc.extras?.alarm ?? loc.alarm;
      const floor = loc.extras?.floor;
      return {
        trackerId,
        at: timestamp(loc.timestamp, now, `${field}.timestamp`),
        ...(loc.coords ? located(loc.coords.latitude, loc.coords.longitude) : { lat: null, lon: null }),
        accuracy: known(loc.coords?.accuracy),
        heading: known(loc.coords?.heading),
        speed: known(loc.coords?.speed),
        altitude: loc.coords?.altitude ?? null,
        battery: level === null ? null : Math.round(level * 1000) / 10,
        charging: loc.battery?.is_charging ?? null,
        alarm: typeof alarm === 'string' ? alarm : null,
        floor: typeof floor === 'number' && Number.isInteger(floor) ? floor : null,
      };
    });
    return { ok: true, fixes };
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, error: error.message };
    throw error;
  }
}
