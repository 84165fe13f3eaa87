import type { Device, Site } from '@vigil/shared';

/** As many as the schema takes (DeviceInput.linkedCameraIds). */
export const MAX_LINKED_CAMERAS = 16;

export interface CameraChoice {
  camera: Device;
  metres: number;
  sameFloor: boolean;
}

/** The site's other cameras, those on the device's floor first, nearest first. */
export function cameraChoices(site: Pick<Site, 'devices'>, device: Pick<Device, 'id' | 'position' | 'floor'>): CameraChoice[] {
  return site.devices
    .filter((candidate) => candidate.kind === 'camera' && candidate.id !== device.id)
    .map((camera) => ({
      camera,
      metres: Math.hypot(camera.position[0] - device.position[0], camera.position[1] - device.position[1]),
      sameFloor: camera.floor === device.floor,
    }))
    .sort((a, b) => Number(b.sameFloor) - Number(a.sameFloor) || a.metres - b.metres || a.camera.id.localeCompare(b.camera.id));
}

/** The chosen ids in list order (nearest first), dropping any that is no longer a camera of the site. */
export function orderedLinks(choices: readonly CameraChoice[], chosen: readonly string[]): string[] {
  return choices.filter(({ camera }) => chosen.includes(camera.id)).map(({ camera }) => camera.id);
}

