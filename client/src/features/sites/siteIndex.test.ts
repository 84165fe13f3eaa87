import type { Alarm, Site } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { indexSite, placeOf, zoneCentre } from './siteIndex';

const site: Site = {
  id: 'demo',
  name: '翠湖花园',
  nameEn: 'Emerald Lake Gardens',
  plan: { width: 100, height: 100 },
  anchor: null,
  backdrop: null,
  floors: [{ level: 0, name: '地面', nameEn: 'Ground' }],
  zones: [
    {
      id: 'z-gate',
      siteId: 'demo',
      name: '正门',
      nameEn: 'Main gate',
      kind: 'gate',
      floor: 0,
      geometry: { type: 'Polygon', coordinates: [[[10, 10], [30, 10], [30, 20], [10, 20], [10, 10]]] },
    },
  ],
  devices: [
    { id: 'd-panic', siteId: 'demo', zoneId: 'z-gate', kind: 'panic_button', name: '紧急按钮', nameEn: 'Panic button', position: [12, 12], floor: 0, status: 'online', camera: null, linkedCameraIds: [] },
  ],
};

const alarm = (deviceId: string | null, zoneId: string | null) => ({ deviceId, zoneId }) as Alarm;

describe('placeOf', () => {
  const index = indexSite(site);

  it('puts an alarm at its device, in the device’s zone', () => {
    expect(placeOf(alarm('d-panic', null), index)).toMatchObject({ position: [12, 12], floor: 0, zone: { id: 'z-gate' } });
  });

  it('falls back to the middle of the zone when there is no device', () => {
    expect(placeOf(alarm(null, 'z-gate'), index).position).toEqual([20, 15]);
  });

  it('has no position for an alarm from an unknown source', () => {
    expect(placeOf(alarm('nope', null), index)).toMatchObject({ position: null, floor: null });
  });
});

describe('zoneCentre', () => {
  it('averages the outline without counting the closing point twice', () => {
    expect(zoneCentre(site.zones[0]!)).toEqual([20, 15]);
  });
});

describe('placeOf with a location', () => {
  it('puts an alarm that is not at a device at its location, in the zone there', () => {
    const located = { deviceId: null, zoneId: null, location: { position: [15, 12], floor: 0 } } as unknown as Alarm;
    expect(placeOf(located, indexSite(site))).toMatchObject({ position: [15, 12], floor: 0, zone: { id: 'z-gate' } });
  });
});

describe('a site that changes under an open alarm', () => {
  const renamed: Site = { ...site, devices: site.devices.map((device) => ({ ...device, name: '一号按钮', nameEn: 'Button 1' })) };
  const withoutDevice: Site = { ...site, devices: [] };

  it('places the alarm with the device as it is now', () => {
    expect(placeOf(alarm('d-panic', null), indexSite(renamed, indexSite(site))).device).toMatchObject({ nameEn: 'Button 1' });
  });

  it('says a device was removed, with its last known name and its zone', () => {
    const place = placeOf(alarm('d-panic', null), indexSite(withoutDevice, indexSite(renamed, indexSite(site))));
    expect(place).toMatchObject({ device: null, removedDevice: { entity: { nameEn: 'Button 1' } }, zone: { id: 'z-gate' } });
    expect(place.position).toEqual([20, 15]);
  });

  it('says removed without a name when the page never saw the device', () => {
    expect(placeOf(alarm('d-panic', null), indexSite(withoutDevice)).removedDevice).toEqual({ entity: null });
  });

  it('keeps remembering a removed device through later changes, and forgets it when it comes back', () => {
    const removed = indexSite(withoutDevice, indexSite(site));
    const later = indexSite({ ...withoutDevice, name: '新名' }, removed);
    expect(later.removedDevices.get('d-panic')).toMatchObject({ nameEn: 'Panic button' });
    expect(indexSite(site, later).removedDevices.size).toBe(0);
  });

  it('says a zone was removed', () => {
    const noZone: Site = { ...site, zones: [], devices: [] };
    expect(placeOf(alarm(null, 'z-gate'), indexSite(noZone, indexSite(site))).removedZone).toMatchObject({ entity: { nameEn: 'Main gate' } });
  });
});
