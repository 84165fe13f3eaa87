import type { Device } from '@vigil/shared';
import L from 'leaflet';
import { wedgePoints } from './cameraGeometry';
import { toLatLng } from './plan';

/** Light, non-interactive wedges for every camera with a field of view, under the device markers. */
export function buildCameraWedges(devices: readonly Device[], renderer: L.Canvas): L.Polygon[] {
  return devices.flatMap((device) =>
    device.camera
      ? [
          L.polygon(wedgePoints(device.position, device.camera).map(toLatLng), {
            renderer,
            stroke: true,
            weight: 1,
            color: '#5b9fd0',
            opacity: 0.35,
            fillColor: '#5b9fd0',
            fillOpacity: device.status === 'online' ? 0.1 : 0.04,
            interactive: false,
          }),
        ]
      : [],
  );
}
