import type { CameraView, Device, Point, Site, Zone } from '@vigil/shared';
import L from 'leaflet';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { BackdropLayer, type BackdropState } from '../../map/backdropLayer';
import { DEVICE_GLYPHS, DEVICE_STATUS_COLOURS } from '../../map/deviceStyles';
import { planBounds, toLatLng } from '../../map/plan';
import type { MapWords } from '../../map/siteLayers';
import { LABELLED_KINDS, ZONE_DRAW_ORDER, zoneStyle } from '../../map/zoneStyles';
import { zoneCentre } from '../sites/siteIndex';
import type { EditorTool, Selection } from './editorStore';
import { cameraWedge, clampToPlan, roundPoint } from './geometry';

export interface EditorMapCallbacks {
  select: (selection: Selection) => void;
  zoneDrawn: (geometry: Zone['geometry']) => void;
  zoneEdited: (zoneId: string, geometry: Zone['geometry']) => void;
  devicePlaced: (position: Point) => void;
  deviceMoved: (deviceId: string, position: Point) => void;
  backdropChanged: (state: BackdropState) => void;
}

export interface EditorFrame {
  site: Site;
  floor: number;
  selection: Selection;
  draftCamera: { deviceId: string; camera: CameraView } | null;
  words: MapWords;
}

const SELECTED = { color: '#4ea4e6', weight: 3, dashArray: undefined } as const;

/**
 * The editor's Leaflet map, driven imperatively: zones drawn and reshaped with Leaflet-Geoman,
 * devices as draggable markers, each camera's field of view as a wedge.
 */
export class EditorMapView {
  readonly map: L.Map;
  private readonly layers = L.layerGroup();
  private frame: EditorFrame | null = null;
  private tool: EditorTool = 'select';
  private fitted = false;
  private readonly backdrop: BackdropLayer;
  private backdropState: BackdropState = 'none';
  private rendering = false;

  constructor(
    private readonly container: HTMLElement,
    private readonly callbacks: EditorMapCallbacks,
  ) {
    this.map = L.map(container, { crs: L.CRS.Simple, attributionControl: false, zoomSnap: 0.1, zoomDelta: 0.5, minZoom: -3, maxZoom: 6 });
    this.map.setView([0, 0], 0);
    // The plan image or tiles under everything drawn (Leaflet's overlay pane is 400).
    const backdropPane = this.map.createPane('backdrop');
    backdropPane.style.zIndex = '350';
    backdropPane.style.pointerEvents = 'none';
    container.dataset.backdrop = 'none';
    this.backdrop = new BackdropLayer(this.map, 'backdrop', () => this.frame?.site.plan ?? { width: 0, height: 0 }, (state) => {
      this.backdropState = state;
      container.dataset.backdrop = state;
      this.callbacks.backdropChanged(state);
      if (this.frame && !this.rendering) this.render(this.frame);
    });
    this.layers.addTo(this.map);
    this.map.pm.setGlobalOptions({ snappable: true, snapDistance: 12, allowSelfIntersection: false });
    this.map.pm.setPathOptions({ color: '#4ea4e6', fillColor: '#1b3a56', fillOpacity: 0.5, weight: 2 });
    this.map.on('pm:create', this.handleCreate);
    this.map.on('click', this.handleMapClick);
  }

  private readonly handleCreate = (event: { shape: string; layer: L.Layer }) => {
    const layer = event.layer;
    layer.remove();
    const site = this.frame?.site;
    if (!site || !(layer instanceof L.Polyline)) return;
    const toPlan = (latLng: L.LatLng) => roundPoint(clampToPlan([latLng.lng, latLng.lat], site.plan));
    if (layer instanceof L.Polygon) {
      const ring = (layer.getLatLngs() as L.LatLng[][])[0]?.map(toPlan) ?? [];
      if (ring.length >= 3) this.callbacks.zoneDrawn({ type: 'Polygon', coordinates: [[...ring, ring[0]!]] });
    } else {
      const line = (layer.getLatLngs() as L.LatLng[]).map(toPlan);
      if (line.length >= 2) this.callbacks.zoneDrawn({ type: 'LineString', coordinates: line });
    }
  };

  private readonly handleMapClick = (event: L.LeafletMouseEvent) => {
    const site = this.frame?.site;
    if (!site) return;
    if (this.tool === 'device') this.callbacks.devicePlaced(roundPoint(clampToPlan([event.latlng.lng, event.latlng.lat], site.plan)));
    else if (this.tool === 'select') this.callbacks.select(null);
  };

  setTool(tool: EditorTool): void {
    this.tool = tool;
    this.map.pm.disableDraw();
    if (tool === 'polygon') this.map.pm.enableDraw('Polygon', { finishOn: 'dblclick' });
    if (tool === 'line') this.map.pm.enableDraw('Line', { finishOn: 'dblclick' });
    this.container.classList.toggle('site-editor-map--placing', tool === 'device');
  }

  render(frame: EditorFrame): void {
    this.frame = frame;
    this.rendering = true;
    try {
      this.draw(frame);
    } finally {
      this.rendering = false;
    }
  }

  private draw(frame: EditorFrame): void {
    this.fitOnce();
    this.backdrop.show(frame.site.backdrop, frame.floor);
    this.layers.clearLayers();
    L.rectangle(planBounds(frame.site), { color: '#34475e', weight: 1, fill: false, dashArray: '4 6', interactive: false, pmIgnore: true }).addTo(this.layers);
    const zones = frame.site.zones
      .filter((zone) => zone.floor === frame.floor)
      .sort((a, b) => ZONE_DRAW_ORDER.indexOf(a.kind) - ZONE_DRAW_ORDER.indexOf(b.kind));
    for (const zone of zones) this.addZone(zone, frame);
    for (const device of frame.site.devices.filter((candidate) => candidate.floor === frame.floor)) this.addDevice(device, frame);
  }

  private addZone(zone: Zone, frame: EditorFrame): void {
    const selected = frame.selection?.entity === 'zone' && frame.selection.id === zone.id;
    const options: L.PolylineOptions = {
      ...zoneStyle(zone.kind, this.backdropState === 'shown'),
      ...(selected ? SELECTED : {}),
      interactive: true,
      pmIgnore: !selected,
    };
    const shape =
      zone.geometry.type === 'Polygon'
        ? L.polygon(zone.geometry.coordinates.map((ring) => ring.slice(0, -1).map(toLatLng)), options)
        : L.polyline(zone.geometry.coordinates.map(toLatLng), options);
    shape.on('click', (event) => {
      // Placing a device on a zone is a click on the map: only selection stops here.
      if (this.tool !== 'select') return;
      L.DomEvent.stopPropagation(event);
      this.callbacks.select({ entity: 'zone', id: zone.id });
    });
    shape.addTo(this.layers);
    if (LABELLED_KINDS.includes(zone.kind)) {
      const label = document.createElement('span');
      label.textContent = frame.words.zoneName(zone);
      L.tooltip({ permanent: true, direction: 'center', className: `zone-label zone-label--${zone.kind}`, interactive: false })
        .setLatLng(toLatLng(zoneCentre(zone)))
        .setContent(label)
        .addTo(this.layers);
    }
    if (!selected) return;
    shape.pm.enable({ allowSelfIntersection: false, snappable: true });
    shape.on('pm:edit', () => this.callbacks.zoneEdited(zone.id, this.geometryOf(shape)));
  }

  private geometryOf(shape: L.Polyline | L.Polygon): Zone['geometry'] {
    const plan = this.frame!.site.plan;
    const toPlan = (latLng: L.LatLng) => roundPoint(clampToPlan([latLng.lng, latLng.lat], plan));
    if (shape instanceof L.Polygon) {
      const rings = (shape.getLatLngs() as L.LatLng[][]).map((ring) => ring.map(toPlan)).map((ring) => [...ring, ring[0]!]);
      return { type: 'Polygon', coordinates: rings };
    }
    return { type: 'LineString', coordinates: (shape.getLatLngs() as L.LatLng[]).map(toPlan) };
  }

  private addDevice(device: Device, frame: EditorFrame): void {
    const selected = frame.selection?.entity === 'device' && frame.selection.id === device.id;
    const draft = frame.draftCamera?.deviceId === device.id ? frame.draftCamera.camera : null;
    const camera = draft ?? device.camera;
    if (device.kind === 'camera' && camera) {
      L.polygon(cameraWedge(device.position, camera).map(toLatLng), {
        color: selected ? '#8fd0ff' : '#5b9fd0',
        weight: selected ? 2 : 1,
        fillColor: '#4ea4e6',
        fillOpacity: selected ? 0.28 : 0.12,
        interactive: false,
        pmIgnore: true,
      }).addTo(this.layers);
    }
    const colours = DEVICE_STATUS_COLOURS[device.status];
    const icon = L.divIcon({
      className: 'site-editor-device',
      html: `<span class="site-editor-device__dot${selected ? ' site-editor-device__dot--selected' : ''}" style="background:${colours.fill};border-color:${colours.stroke};color:${colours.glyph}">${DEVICE_GLYPHS[device.kind]}</span>`,
      iconSize: [26, 26],
      iconAnchor: [13, 13],
    });
    const marker = L.marker(toLatLng(device.position), { icon, draggable: true, pmIgnore: true, title: frame.words.deviceName(device), keyboard: false });
    marker.getElement()?.setAttribute('data-device-id', device.id);
    marker.on('add', () => marker.getElement()?.setAttribute('data-device-id', device.id));
    marker.on('click', (event) => {
      L.DomEvent.stopPropagation(event);
      this.callbacks.select({ entity: 'device', id: device.id });
    });
    marker.on('dragend', () => {
      const latLng = marker.getLatLng();
      this.callbacks.deviceMoved(device.id, roundPoint(clampToPlan([latLng.lng, latLng.lat], frame.site.plan)));
    });
    marker.addTo(this.layers);
  }

  /** Fits the plan the first time the map has both a size and a site. */
  private fitOnce(): void {
    if (this.fitted || !this.frame || this.container.clientWidth === 0 || this.container.clientHeight === 0) return;
    this.map.fitBounds(planBounds(this.frame.site), { padding: [24, 24] });
    this.fitted = true;
  }

  invalidateSize(): void {
    this.map.invalidateSize();
    this.fitOnce();
  }

  destroy(): void {
    this.backdrop.destroy();
    this.map.off();
    this.map.remove();
  }
}
