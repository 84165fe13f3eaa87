import type { Device } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { cameraChoices, orderedLinks } from './linkedCameras';

const device = (id: string, kind: Device['kind'], position: [number, number], floor = 0): Device => ({
  id,
  siteId: 's',
  zoneId: null,
  kind,
  name: id,
  nameEn: null,
  position,
  floor,
  status: 'online',
  camera: kind === 'camera' ? { heading: 0, angle: 60, range: 30 } : null,
  linkedCameraIds: [],
});

const door = device('door', 'door', [100, 100]);
const devices = [
  door,
  device('cam-far', 'camera', [160, 100]),
  device('cam-near', 'camera', [103, 104]),
  device('cam-garage', 'camera', [100, 101], -1),
  device('beam', 'perimeter_beam', [101, 100]),
];

describe('linked camera choices', () => {
  it('offers the other cameras, on the device’s floor first, nearest first', () => {
    expect(cameraChoices({ devices }, door).map(({ camera, metres }) => [camera.id, Math.round(metres)])).toEqual([
      ['cam-near', 5],
      ['cam-far', 60],
      ['cam-garage', 1],
    ]);
    expect(cameraChoices({ devices }, devices[1]!).map(({ camera }) => camera.id)).not.toContain('cam-far');
  });

  it('keeps the chosen cameras nearest first and drops one that is gone', () => {
    const choices = cameraChoices({ devices }, door);
    expect(orderedLinks(choices, ['cam-garage', 'cam-far', 'cam-deleted', 'cam-near'])).toEqual(['cam-near', 'cam-far', 'cam-garage']);
  });
});
