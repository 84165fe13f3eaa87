import { describe, expect, it } from 'vitest';
import type { Site } from '../domain/types.js';
import { parseWith } from './errors.js';
import { DeviceInput, SitePatch, ZoneInput, parseSiteDocument, siteToDocument } from './site.schemas.js';

const site: Site = {
  id: 'demo',
  name: '示例小区',
  nameEn: 'Demo Estate',
  plan: { width: 200, height: 100 },
  anchor: null,
  backdrop: null,
  floors: [
    { level: 0, name: '地面', nameEn: 'Ground' },
    { level: -1, name: '车库', nameEn: 'Garage' },
  ],
  zones: [
    { id: 'demo-z-b1', siteId: 'demo', name: '1号楼', nameEn: 'Building 1', kind: 'building', floor: 0, geometry: { type: 'Polygon', coordinates: [[[10, 10], [50, 10], [50, 40], [10, 10]]] } },
    { id: 'demo-z-n', siteId: 'demo', name: '北围墙', nameEn: null, kind: 'perimeter', floor: 0, geometry: { type: 'LineString', coordinates: [[0, 100], [200, 100]] } },
  ],
  devices: [
    { id: 'demo-cam-01', siteId: 'demo', zoneId: 'demo-z-b1', kind: 'camera', name: '摄像机1', nameEn: 'Camera 1', position: [20, 20], floor: 0, status: 'online', camera: { heading: 90, angle: 60, range: 40 }, linkedCameraIds: [] },
    { id: 'demo-door-01', siteId: 'demo', zoneId: null, kind: 'door', name: '门1', nameEn: null, position: [30, 30], floor: -1, status: 'fault', camera: null, linkedCameraIds: [] },
  ],
};

/** The document with one feature's JSON changed by `mutate`. */
function documentWith(mutate: (features: Record<string, unknown>[]) => void): unknown {
  const document = JSON.parse(JSON.stringify(siteToDocument(site))) as { features: Record<string, unknown>[] };
  mutate(document.features);
  return document;
}
const props = (feature: Record<string, unknown> | undefined) => feature!.properties as Record<string, unknown>;
const geometry = (feature: Record<string, unknown> | undefined) => feature!.geometry as { coordinates: unknown };

function errorsOf(input: unknown): string[] {
  const result = parseSiteDocument(input);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
}

describe('site document', () => {
  it('round-trips a site through export and import unchanged', () => {
    const result = parseSiteDocument(JSON.parse(JSON.stringify(siteToDocument(site))));
    expect(result).toEqual({ ok: true, site });
  });

  it('names the feature and the field of a bad kind', () => {
    const errors = errorsOf(documentWith((features) => (props(features[2]).kind = 'laser')));
    expect(errors).toEqual([expect.stringMatching(/^features\[2\] \(device demo-cam-01\)\.properties\.kind: must be one of camera, /)]);
  });

  it('refuses an open ring, naming the ring', () => {
    const errors = errorsOf(documentWith((features) => (geometry(features[0]).coordinates = [[[10, 10], [50, 10], [50, 40], [11, 11]]])));
    expect(errors).toEqual(['features[0] (zone demo-z-b1).geometry.coordinates[0]: a ring must be closed: the last position must equal the first']);
  });

  it('refuses a ring with too few positions', () => {
    const errors = errorsOf(documentWith((features) => (geometry(features[0]).coordinates = [[[10, 10], [50, 10], [10, 10]]])));
    expect(errors[0]).toMatch(/^features\[0\] \(zone demo-z-b1\)\.geometry\.coordinates\[0\]: a ring needs at least 4 positions/);
  });

  it('refuses coordinates outside the plan and ones that are not finite', () => {
    expect(errorsOf(documentWith((features) => (geometry(features[1]).coordinates = [[0, 100], [201, 100]])))).toEqual([
      'features[1] (zone demo-z-n).geometry.coordinates[1]: must be inside the plan (0–200 × 0–100 m)',
    ]);
    expect(errorsOf(documentWith((features) => (geometry(features[3]).coordinates = [5, 'x'])))).toEqual([
      'features[3] (device demo-door-01).geometry.coordinates[1]: must be a finite number (metres)',
    ]);
    expect(errorsOf(documentWith((features) => (geometry(features[3]).coordinates = [-1, 5])))).toEqual([
      'features[3] (device demo-door-01).geometry.coordinates: must be inside the plan (0–200 × 0–100 m)',
    ]);
  });

  it('refuses duplicate ids, unknown zones and missing floors', () => {
    expect(errorsOf(documentWith((features) => (props(features[3]).id = 'demo-cam-01')))).toEqual([
      'features[3] (device demo-cam-01).properties.id: "demo-cam-01" is already used by features[2]',
    ]);
    expect(errorsOf(documentWith((features) => (props(features[2]).zoneId = 'demo-z-nowhere')))).toEqual([
      'features[2] (device demo-cam-01).properties.zoneId: no zone with id "demo-z-nowhere" on this site',
    ]);
    expect(errorsOf(documentWith((features) => (props(features[0]).floor = 7)))).toEqual([
      'features[0] (zone demo-z-b1).properties.floor: no floor with level 7 on this site',
    ]);
  });

  it('checks the camera field of view and refuses one on a door', () => {
    expect(errorsOf(documentWith((features) => (props(features[2]).camera = { heading: 400, angle: 60, range: 40 })))).toEqual([
      'features[2] (device demo-cam-01).properties.camera.heading: must be from 0 to 360 degrees',
    ]);
    expect(errorsOf(documentWith((features) => (props(features[3]).camera = { heading: 0, angle: 60, range: 40 })))).toEqual([
      'features[3] (device demo-door-01).properties.camera: only a camera has a field of view; set it to null',
    ]);
  });

  it("keeps a device's linked cameras and refuses links to a missing camera or to itself", () => {
    const linked = parseSiteDocument(documentWith((features) => (props(features[3]).linkedCameraIds = ['demo-cam-01'])));
    expect(linked.ok && linked.site.devices.find((device) => device.id === 'demo-door-01')?.linkedCameraIds).toEqual(['demo-cam-01']);
    expect(errorsOf(documentWith((features) => (props(features[3]).linkedCameraIds = ['demo-cam-09', 'demo-door-01'])))).toEqual([
      'features[3] (device demo-door-01).properties.linkedCameraIds[0]: no camera "demo-cam-09" in this site',
      'features[3] (device demo-door-01).properties.linkedCameraIds[1]: a device cannot be linked to itself',
    ]);
    expect(errorsOf(documentWith((features) => (props(features[3]).linkedCameraIds = ['demo-cam-01', 'demo-cam-01'])))).toEqual([
      'features[3] (device demo-door-01).properties.linkedCameraIds: must not name a camera twice',
    ]);
  });

  it('names a feature without an entity, a device that is not a point, and unknown fields', () => {
    expect(errorsOf(documentWith((features) => delete props(features[1]).entity))).toEqual([
      'features[1] (demo-z-n).properties.entity: must be "zone" or "device"',
    ]);
    expect(errorsOf(documentWith((features) => (features[2]!.geometry = { type: 'Polygon', coordinates: [] })))[0]).toMatch(
      /^features\[2\] \(device demo-cam-01\)\.geometry\.type: a device must be a "Point"/,
    );
    expect(errorsOf(documentWith((features) => (props(features[3]).colour = 'red')))).toEqual([
      'features[3] (device demo-door-01).properties.colour: unknown field',
    ]);
  });

  it('checks the document itself: type, version, site header, anchor', () => {
    expect(errorsOf({ ...siteToDocument(site), type: 'Feature' })).toEqual(['type: must be "FeatureCollection"']);
    expect(errorsOf({ ...siteToDocument(site), vigil: 2 })).toEqual(['vigil: must be 1 (the document format version)']);
    const anchor = { controlPoints: [{ plan: [0, 0], lat: 22.5, lon: 114 }, { plan: [10, 0], lat: 22.5, lon: 114.0001 }] };
    expect(errorsOf({ ...siteToDocument(site), site: { ...siteToDocument(site).site, anchor } })).toEqual([
      'site.anchor.controlPoints: at least 3 are needed',
    ]);
    expect(errorsOf('nonsense')[0]).toMatch(/^body|^: /);
  });
});

describe('edit inputs', () => {
  it('accepts a zone and a camera and refuses bad fields by name', () => {
    expect(parseWith(ZoneInput, { name: '车库', kind: 'garage', floor: -1, geometry: site.zones[0]!.geometry })).toMatchObject({ ok: true });
    expect(parseWith(DeviceInput, { name: 'C', kind: 'camera', position: [1, 2], camera: { heading: 0, angle: 90, range: 30 } })).toMatchObject({ ok: true });
    expect(parseWith(DeviceInput, { name: 'C', kind: 'camera', position: [1, 2], camera: { heading: 0, angle: 0, range: 30 } })).toMatchObject({
      ok: false,
      error: 'camera.angle: must be from 1 to 360 degrees',
    });
    expect(parseWith(SitePatch, { plan: { width: 0, height: 10 } })).toMatchObject({ ok: false, error: expect.stringContaining('plan.width') });
    expect(parseWith(SitePatch, { floors: [{ level: 0, name: 'a' }, { level: 0, name: 'b' }] })).toMatchObject({ ok: false, error: 'floors: levels must be unique' });
  });

  it('refuses a document whose backdrop is drawn for a floor the site lacks', () => {
    const document = JSON.parse(JSON.stringify(siteToDocument(site))) as { site: Record<string, unknown> };
    document.site.backdrop = { kind: 'image', url: '/plans/demo.png', bounds: [[0, 0], [200, 100]], floor: 3 };
    expect(errorsOf(document)).toEqual(['site.backdrop.floor: no floor with level 3 on this site']);
    document.site.backdrop = { kind: 'image', url: '/plans/demo.png', bounds: [[0, 0], [200, 100]], floor: -1 };
    expect(parseSiteDocument(document)).toMatchObject({ ok: true, site: { backdrop: { floor: -1 } } });
  });

  it('takes a plan image or tiles as the backdrop, and names what is wrong with one', () => {
    const image = { kind: 'image', url: '/api/v1/sites/demo/images/0123456789abcdef', bounds: [[0, 0], [200, 100]] };
    expect(parseWith(SitePatch, { backdrop: image })).toMatchObject({ ok: true });
    expect(parseWith(SitePatch, { backdrop: { kind: 'tiles', url: 'https://tiles.example.lan/demo/{z}/{x}/{y}.png', maxZoom: 4 } })).toMatchObject({ ok: true });
    expect(parseWith(SitePatch, { backdrop: null })).toMatchObject({ ok: true, value: { backdrop: null } });
    expect(parseWith(SitePatch, { backdrop: { ...image, bounds: [[0, 0], [0, 100]] } })).toMatchObject({
      ok: false,
      error: 'backdrop.bounds: the two corners must differ in x and in y',
    });
    expect(parseWith(SitePatch, { backdrop: { ...image, url: 'javascript:alert(1)' } })).toMatchObject({
      ok: false,
      error: 'backdrop.url: must be an http(s) URL or a path starting with /',
    });
    expect(parseWith(SitePatch, { backdrop: { ...image, url: '//elsewhere.example/plan.png' } })).toMatchObject({ ok: false, error: expect.stringMatching(/^backdrop\.url: /) });
    expect(parseWith(SitePatch, { backdrop: { kind: 'tiles', url: '/tiles/{z}/{x}.png', maxZoom: 4 } })).toMatchObject({
      ok: false,
      error: 'backdrop.url: must contain {z}, {x} and {y}',
    });
    expect(parseWith(SitePatch, { backdrop: { kind: 'tiles', url: '/tiles/{z}/{x}/{y}.png', maxZoom: 2.5 } })).toMatchObject({
      ok: false,
      error: 'backdrop.maxZoom: must be an integer from 0 to 24',
    });
  });
});
