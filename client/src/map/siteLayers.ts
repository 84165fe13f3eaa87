import type { Device, DeviceKind, DeviceStatus, Site, Zone } from '@vigil/shared';
import L from 'leaflet';
import { zoneCentre } from '../features/sites/siteIndex';
import { DEVICE_GLYPHS, DEVICE_STATUS_COLOURS } from './deviceStyles';
import { DeviceMarker } from './DeviceMarker';
import { toLatLng } from './plan';
import { LABELLED_KINDS, ZONE_DRAW_ORDER, zoneStyle } from './zoneStyles';

/** The words the map shows, in the current language; the layers know no i18n themselves. */
export interface MapWords {
  zoneName: (zone: Zone) => string;
  deviceName: (device: Device) => string;
  deviceKind: (kind: DeviceKind) => string;
  deviceStatus: (status: DeviceStatus) => string;
}

export function zoneShape(zone: Zone, options: L.PathOptions): L.Path {
  return zone.geometry.type === 'Polygon'
    ? L.polygon(zone.geometry.coordinates.map((ring) => ring.map(toLatLng)), options)
    : L.polyline(zone.geometry.coordinates.map(toLatLng), options);
}

/** The plan of one floor: zones by kind, bottom to top, and the names of the places that matter. */
export function buildZoneLayer(
  site: Site,
  floor: number,
  words: MapWords,
  renderer: L.Renderer,
  labelPane: string,
  overBackdrop = false,
): { zones: L.LayerGroup; labels: L.Tooltip[] } {
  const group = L.layerGroup();
  const onFloor = site.zones.filter((zone) => zone.floor === floor);
  for (const zone of [...onFloor].sort((a, b) => ZONE_DRAW_ORDER.indexOf(a.kind) - ZONE_DRAW_ORDER.indexOf(b.kind))) {
    zoneShape(zone, { ...zoneStyle(zone.kind, overBackdrop), renderer }).addTo(group);
  }
  const labels = onFloor
    .filter((zone) => LABELLED_KINDS.includes(zone.kind))
    .sort((a, b) => LABELLED_KINDS.indexOf(a.kind) - LABELLED_KINDS.indexOf(b.kind))
    .map((zone) =>
      L.tooltip({ pane: labelPane, permanent: true, direction: 'center', className: `zone-label zone-label--${zone.kind}`, interactive: false })
        .setLatLng(toLatLng(zoneCentre(zone)))
        .setContent(textElement(words.zoneName(zone))),
    );
  return { zones: group, labels };
}

function textElement(text: string, className?: string): HTMLElement {
  const element = document.createElement('span');
  if (className) element.className = className;
  element.textContent = text;
  return element;
}

function deviceTooltip(device: Device, words: MapWords): HTMLElement {
  const element = document.createElement('div');
  element.append(
    textElement(words.deviceName(device), 'device-tooltip__name'),
    textElement(`${words.deviceKind(device.kind)} · ${words.deviceStatus(device.status)}`, 'device-tooltip__detail'),
  );
  return element;
}

/** One floor's devices for the shared canvas renderer, each with a tooltip. */
export function buildDeviceMarkers(
  site: Site,
  floor: number,
  words: MapWords,
  renderer: L.Canvas,
  radius: number,
  onSelect?: (deviceId: string, at: L.Point) => void,
): DeviceMarker[] {
  return site.devices
    .filter((device) => device.floor === floor)
    .map((device) => {
      const colours = DEVICE_STATUS_COLOURS[device.status];
      const marker = new DeviceMarker(toLatLng(device.position), DEVICE_GLYPHS[device.kind], colours.glyph, {
        renderer,
        radius,
        color: colours.stroke,
        weight: 1.5,
        fillColor: colours.fill,
        fillOpacity: 1,
      });
      marker.bindTooltip(deviceTooltip(device, words), { direction: 'top', offset: [0, -radius], className: 'device-tooltip' });
      if (onSelect) marker.on('click', (event: L.LeafletMouseEvent) => onSelect(device.id, event.containerPoint));
      return marker;
    });
}
