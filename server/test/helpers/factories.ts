import type { AlarmIngestBody, Site } from '@vigil/shared';

/** A small site: two perimeter segments, a building, a gate and a handful of devices. */
export function buildSite(overrides: Partial<Site> = {}): Site {
  const id = overrides.id ?? 'test';
  return {
    id,
    name: '测试小区',
    nameEn: 'Test Estate',
    plan: { width: 200, height: 120 },
    anchor: null,
    backdrop: null,
    floors: [
      { level: 0, name: '地面', nameEn: 'Ground' },
      { level: -1, name: '地下车库', nameEn: 'Garage' },
    ],
    zones: [
      { id: `${id}-z-north`, siteId: id, name: '北围墙', nameEn: 'North perimeter', kind: 'perimeter', floor: 0, geometry: { type: 'LineString', coordinates: [[0, 120], [200, 120]] } },
      { id: `${id}-z-east`, siteId: id, name: '东围墙', nameEn: 'East perimeter', kind: 'perimeter', floor: 0, geometry: { type: 'LineString', coordinates: [[200, 0], [200, 120]] } },
      { id: `${id}-z-b1`, siteId: id, name: '1号楼', nameEn: 'Building 1', kind: 'building', floor: 0, geometry: { type: 'Polygon', coordinates: [[[40, 40], [80, 40], [80, 80], [40, 80], [40, 40]]] } },
    ],
    devices: [
      { id: `${id}-beam-n1`, siteId: id, zoneId: `${id}-z-north`, kind: 'perimeter_beam', name: '北围墙对射1', nameEn: 'North beam 1', position: [60, 119], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
      { id: `${id}-beam-e1`, siteId: id, zoneId: `${id}-z-east`, kind: 'perimeter_beam', name: '东围墙对射1', nameEn: 'East beam 1', position: [199, 60], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
      { id: `${id}-door-b1`, siteId: id, zoneId: `${id}-z-b1`, kind: 'door', name: '1号楼大堂门', nameEn: 'Building 1 lobby door', position: [60, 40], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
      { id: `${id}-cam-01`, siteId: id, zoneId: null, kind: 'camera', name: '北门摄像机', nameEn: 'North gate camera', position: [100, 110], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
      { id: `${id}-water-g1`, siteId: id, zoneId: null, kind: 'water_sensor', name: '车库水浸1', nameEn: 'Garage water 1', position: [100, 60], floor: -1, status: 'online', camera: null, linkedCameraIds: [] },
    ],
    ...overrides,
  };
}

let counter = 0;

/** An ingest body; each call is a different source unless told otherwise. */
export function buildAlarm(overrides: Partial<AlarmIngestBody> = {}): AlarmIngestBody {
  counter += 1;
  return {
    source: { externalId: `panel-1:zone-${counter}` },
    siteId: 'test',
    kind: 'intrusion',
    priority: 2,
    message: `Beam ${counter} interrupted`,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An alarm as large as the ingest schema allows (500-character message, 50 attributes of 64 + 500 characters). */
export function buildLargestAlarm(overrides: Partial<AlarmIngestBody> = {}): AlarmIngestBody {
  const base = buildAlarm(overrides);
  const attributes: Record<string, string> = {};
  for (let i = 0; i < 50; i += 1) attributes[`${String(i).padStart(2, '0')}`.padEnd(64, 'k')] = `${base.message} `.repeat(40).slice(0, 500);
  return { ...base, message: base.message.padEnd(500, '.'), attributes, ...overrides };
}
