import { describe, expect, it } from 'vitest';
import { KNOTS_TO_MPS, isSosAlarm, parseOsmAndJson, parseOsmAndQuery, parseTimestamp } from './osmand.js';

const now = new Date('2026-11-23T12:00:00Z');

function fixOf(result: ReturnType<typeof parseOsmAndQuery>) {
  if (!result.ok) throw new Error(result.error);
  return result.fixes[0]!;
}

describe('OsmAnd query form (Traccar Client, OsmAnd, GPSLogger)', () => {
  it('reads every timestamp form Traccar accepts', () => {
    const iso = '2026-11-23T11:59:30Z';
    expect(parseTimestamp('1795435170')?.toISOString()).toBe('2026-11-23T11:59:30.000Z'); // epoch seconds
    expect(parseTimestamp('1795435170000')?.toISOString()).toBe('2026-11-23T11:59:30.000Z'); // epoch ms
    expect(parseTimestamp('1795435170.5')?.toISOString()).toBe('2026-11-23T11:59:30.500Z'); // fractional seconds
    expect(parseTimestamp(iso)?.toISOString()).toBe('2026-11-23T11:59:30.000Z');
    expect(parseTimestamp('2026-11-23T19:59:30+08:00')?.toISOString()).toBe('2026-11-23T11:59:30.000Z');
    // An unencoded `+` in a query string arrives as a space.
    expect(parseTimestamp('2026-11-23T19:59:30 08:00')?.toISOString()).toBe('2026-11-23T11:59:30.000Z');
    expect(parseTimestamp('2026-11-23 11:59:30')?.toISOString()).toBe('2026-11-23T11:59:30.000Z');
    expect(parseTimestamp('yesterday')).toBeNull();
  });

  it('uses the server time when the tracker sends none', () => {
    expect(fixOf(parseOsmAndQuery({ id: 'g1', lat: '30.1', lon: '120.1' }, now)).at).toEqual(now);
  });

  it('converts speed from knots to m/s and reads the other fields', () => {
    const fix = fixOf(
      parseOsmAndQuery(
        { deviceid: 'g1', lat: '30.2741', lon: '120.1551', timestamp: '1795435170', speed: '10', bearing: '90.5', altitude: '12', accuracy: '6', batt: '87', charge: 'true', alarm: 'sos' },
        now,
      ),
    );
    expect(fix).toMatchObject({ trackerId: 'g1', lat: 30.2741, lon: 120.1551, heading: 90.5, altitude: 12, accuracy: 6, battery: 87, charging: true, alarm: 'sos', floor: null });
    expect(fix.speed).toBeCloseTo(5.144, 3);
    expect(10 * KNOTS_TO_MPS).toBeCloseTo(5.1444, 4);
  });

  it('takes `location=lat,lon` and `heading` instead of lat, lon and bearing', () => {
    const fix = fixOf(parseOsmAndQuery({ id: 'g1', location: '30.2741,120.1551', heading: '180' }, now));
    expect([fix.lat, fix.lon, fix.heading]).toEqual([30.2741, 120.1551, 180]);
  });

  it('takes a report without coordinates (cell or Wi-Fi only, or 0,0 as Traccar reads it) with its battery and alarm', () => {
    const cellOnly = fixOf(parseOsmAndQuery({ id: 'g1', cell: '460,0,9876,5432', wifi: 'aa-bb-cc-dd-ee-ff,-60', batt: '41', alarm: 'sos' }, now));
    expect(cellOnly).toMatchObject({ trackerId: 'g1', lat: null, lon: null, battery: 41, alarm: 'sos' });
    expect(fixOf(parseOsmAndQuery({ id: 'g1', lat: '0', lon: '0', batt: '40' }, now))).toMatchObject({ lat: null, lon: null, battery: 40 });
    expect(fixOf(parseOsmAndQuery({ id: 'g1', location: '0,0' }, now))).toMatchObject({ lat: null, lon: null });
  });

  it('reads SOS in a combined alarm, as Traccar sends several at once', () => {
    expect(isSosAlarm('sos')).toBe(true);
    expect(isSosAlarm('lowBattery,sos')).toBe(true);
    expect(isSosAlarm('SOS, lowBattery')).toBe(true);
    expect(isSosAlarm('lowBattery')).toBe(false);
    expect(isSosAlarm('sosX')).toBe(false);
    expect(isSosAlarm(null)).toBe(false);
  });

  it.each([
    [{ lat: '30', lon: '120' }, 'id'],
    [{ id: 'g1', lat: '91', lon: '120' }, 'lat'],
    [{ id: 'g1', lat: 'NaN', lon: '120' }, 'lat'],
    [{ id: 'g1', lat: '30', lon: '181' }, 'lon'],
    [{ id: 'g1', lon: '120' }, 'lat'],
    [{ id: 'g1', location: '30' }, 'location'],
    [{ id: 'g1', lat: '30', lon: '120', timestamp: 'soon' }, 'timestamp'],
    [{ id: 'g1', lat: '30', lon: '120', speed: 'fast' }, 'speed'],
    [{ id: 'g 1', lat: '30', lon: '120' }, 'id'],
  ])('refuses %j naming %s', (params, field) => {
    const result = parseOsmAndQuery(params, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.startsWith(`${field}:`)).toBe(true);
  });
});

describe('OsmAnd JSON form (Traccar Client ≥ 9)', () => {
  const body = {
    device_id: 'g1',
    location: {
      timestamp: '2026-11-23T11:59:30.000Z',
      coords: { latitude: 30.2741, longitude: 120.1551, accuracy: 5, speed: 1.4, heading: 270, altitude: 8 },
      is_moving: true,
      event: 'motionchange',
      battery: { level: 0.83, is_charging: false },
      extras: { alarm: 'sos' },
    },
  };

  it('reads the fix with speed already in m/s and battery 0–1 as a percentage', () => {
    const result = parseOsmAndJson(body, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.fixes[0]).toMatchObject({
      trackerId: 'g1',
      at: new Date('2026-11-23T11:59:30Z'),
      lat: 30.2741,
      lon: 120.1551,
      accuracy: 5,
      speed: 1.4,
      heading: 270,
      altitude: 8,
      battery: 83,
      charging: false,
      alarm: 'sos',
    });
  });

  it('treats -1 as unknown and takes a batch of locations', () => {
    const location = { ...body.location, coords: { ...body.location.coords, speed: -1, heading: -1 }, battery: { level: -1 }, extras: {} };
    const result = parseOsmAndJson({ device_id: 'g1', location: [location, location] }, now);
    expect(result.ok && result.fixes.length).toBe(2);
    if (result.ok) expect(result.fixes[0]).toMatchObject({ speed: null, heading: null, battery: null, alarm: null });
  });

  it('takes a location without coords (no position fix) with its battery and alarm', () => {
    const { coords: _coords, ...noCoords } = body.location;
    const result = parseOsmAndJson({ device_id: 'g1', location: noCoords }, now);
    expect(result.ok && result.fixes[0]).toMatchObject({ lat: null, lon: null, battery: 83, alarm: 'sos' });
  });

  it('names the field that is wrong', () => {
    const result = parseOsmAndJson({ ...body, location: { ...body.location, coords: { ...body.location.coords, latitude: 91 } } }, now);
    expect(result).toEqual({ ok: false, error: 'location.coords.latitude: must be a number from -90 to 90' });
    const missing = parseOsmAndJson({ location: body.location }, now);
    expect(missing.ok === false && missing.error.startsWith('device_id:')).toBe(true);
  });
});
