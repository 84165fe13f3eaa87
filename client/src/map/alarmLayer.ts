import { priorityBand, type Alarm, type PriorityBand } from '@vigil/shared';
import L from 'leaflet';
import { placeOf, type SiteIndex } from '../features/sites/siteIndex';
import { toLatLng } from './plan';
import { zoneShape } from './siteLayers';

const BAND_RANK: Record<PriorityBand, number> = { critical: 0, high: 1, medium: 2, low: 3 };

const BAND_COLOURS: Record<PriorityBand, string> = {
  critical: '#ff4d4f',
  high: '#ff9f1a',
  medium: '#f5d90a',
  low: '#5cc8ff',
};

interface PulseMarker {
  marker: L.Marker;
  element: HTMLDivElement;
}

function pulseElement(alarmId: string): HTMLDivElement {
  const element = document.createElement('div');
  element.dataset.alarmId = alarmId;
  for (const part of ['ring', 'ring alarm-pulse__ring--late', 'core']) {
    const span = document.createElement('span');
    span.className = `alarm-pulse__${part}`;
    element.append(span);
  }
  return element;
}

/**
 * Open alarms on the map: a pulsing marker at each alarm's device (or zone), coloured and shaped
 * by priority band, and a flashing outline on every zone with an open alarm. Kept in step with
 * the store by diffing, so an update touches only what changed.
 */
export class AlarmLayer {
  private readonly markers = new Map<string, PulseMarker>();
  private readonly zoneOutlines = new Map<string, { path: L.Path; band: PriorityBand }>();
  private readonly markerGroup = L.layerGroup();
  private readonly zoneGroup = L.layerGroup();

  constructor(
    map: L.Map,
    private readonly zoneRenderer: L.Renderer,
    private readonly onSelect: (alarmId: string) => void,
  ) {
    this.zoneGroup.addTo(map);
    this.markerGroup.addTo(map);
  }

  render(alarms: readonly Alarm[], index: SiteIndex, floor: number, selectedAlarmId: string | null): void {
    const shown = new Set<string>();
    const zoneBands = new Map<string, PriorityBand>();
    for (const alarm of alarms) {
      const place = placeOf(alarm, index);
      if (place.floor !== floor) continue;
      const band = priorityBand(alarm.priority);
      if (place.zone) {
        const current = zoneBands.get(place.zone.id);
        if (!current || BAND_RANK[band] < BAND_RANK[current]) zoneBands.set(place.zone.id, band);
      }
      if (!place.position) continue;
      shown.add(alarm.id);
      const pulse = this.markers.get(alarm.id) ?? this.addMarker(alarm.id, toLatLng(place.position));
      pulse.marker.setLatLng(toLatLng(place.position));
      pulse.element.className = `alarm-pulse band-${band} alarm-pulse--${alarm.state}${alarm.id === selectedAlarmId ? ' alarm-pulse--selected' : ''}`;
      pulse.element.dataset.band = band;
      pulse.element.dataset.state = alarm.state;
      pulse.marker.setZIndexOffset((3 - BAND_RANK[band]) * 1000 + (alarm.id === selectedAlarmId ? 5000 : 0));
    }
    for (const [alarmId, pulse] of this.markers) {
      if (shown.has(alarmId)) continue;
      this.markerGroup.removeLayer(pulse.marker);
      this.markers.delete(alarmId);
    }
    this.renderZones(zoneBands, index);
  }

  private addMarker(alarmId: string, latLng: L.LatLngTuple): PulseMarker {
    const element = pulseElement(alarmId);
    const marker = L.marker(latLng, {
      icon: L.divIcon({ html: element, className: 'alarm-marker', iconSize: [64, 64], iconAnchor: [32, 32] }),
      keyboard: false,
    });
    marker.on('click', () => this.onSelect(alarmId));
    marker.addTo(this.markerGroup);
    const pulse = { marker, element };
    this.markers.set(alarmId, pulse);
    return pulse;
  }

  private renderZones(zoneBands: ReadonlyMap<string, PriorityBand>, index: SiteIndex): void {
    for (const [zoneId, outline] of this.zoneOutlines) {
      if (zoneBands.get(zoneId) === outline.band) continue;
      this.zoneGroup.removeLayer(outline.path);
      this.zoneOutlines.delete(zoneId);
    }
    for (const [zoneId, band] of zoneBands) {
      const zone = index.zones.get(zoneId);
      if (!zone || this.zoneOutlines.has(zoneId)) continue;
      const path = zoneShape(zone, {
        renderer: this.zoneRenderer,
        className: `zone-alarm band-${band}`,
        color: BAND_COLOURS[band],
        weight: zone.geometry.type === 'LineString' ? 8 : 4,
        fillColor: BAND_COLOURS[band],
        fillOpacity: 0.18,
        interactive: false,
      });
      path.addTo(this.zoneGroup);
      this.zoneOutlines.set(zoneId, { path, band });
    }
  }

  clear(): void {
    this.markerGroup.clearLayers();
    this.zoneGroup.clearLayers();
    this.markers.clear();
    this.zoneOutlines.clear();
  }
}
