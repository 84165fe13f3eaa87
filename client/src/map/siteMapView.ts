import type { Alarm, Point } from '@vigil/shared';
import L from 'leaflet';
import type { MapFeature } from '../features/map-details/detailsSelection';
import { guardPositions } from '../features/guards/guardPositions';
import { zoneAt, zoneCentre, type SiteIndex } from '../features/sites/siteIndex';
import { AlarmLayer } from './alarmLayer';
import { BackdropLayer, type BackdropState } from './backdropLayer';
import { buildCameraWedges } from './cameraWedges';
import { GuardLayer, type GuardLayerSource, type GuardWords } from './guardLayer';
import { deviceRadiusAt } from './deviceStyles';
import type { DeviceMarker } from './DeviceMarker';
import { planBounds, toLatLng } from './plan';
import { buildDeviceMarkers, buildZoneLayer, type MapWords } from './siteLayers';

/**
 * Panes bottom to top: the plan's ground, the optional plan image or tiles, the vector plan,
 * alarm zones, devices, zone names, guards (own canvas, clicks hit-tested; a guard's callsign
 * matters more than a zone's name under it); Leaflet's marker pane (600) holds alarms.
 */
const PANES = { ground: 330, backdrop: 340, plan: 350, alarmZones: 410, devices: 420, labels: 425, guards: 430 } as const;
const NOT_CLICKABLE: readonly string[] = ['ground', 'backdrop', 'labels', 'guards'];

/** How much closer than the whole-site view the map goes to show one alarm. */
const FOCUS_ZOOM_STEP = 1;

/**
 * The Leaflet map of one site, made once and then driven by method calls: the React component
 * around it never re-renders per device or per alarm.
 */
export class SiteMapView {
  readonly map: L.Map;
  private readonly groundRenderer: L.SVG;
  private readonly planRenderer: L.Canvas;
  private readonly backdrop: BackdropLayer;
  private backdropState: BackdropState = 'none';
  private words: MapWords | null = null;
  private drawing = false;
  private readonly deviceRenderer: L.Canvas;
  private readonly alarms: AlarmLayer;
  readonly guards: GuardLayer;
  /** The timeStamp of the last click a marker took, so the map's own click does not also pick a zone. */
  private featureClickAt = -1;
  private floor = 0;
  private floorLayers: L.Layer[] = [];
  private labels: L.Tooltip[] = [];
  private devices: DeviceMarker[] = [];
  private readonly resizeObserver: ResizeObserver;

  constructor(
    container: HTMLElement,
    private index: SiteIndex,
    onSelectAlarm: (alarmId: string) => void,
    private readonly onSelectFeature: (feature: MapFeature | null) => void,
    guardSource: GuardLayerSource,
    guardWords: GuardWords,
    private readonly onBackdropState: (state: BackdropState) => void = () => undefined,
  ) {
    this.map = L.map(container, {
      crs: L.CRS.Simple,
      attributionControl: false,
      zoomControl: false,
      zoomSnap: 0.1,
      zoomDelta: 0.5,
      minZoom: -2,
      maxZoom: 5,
      maxBounds: planBounds(index.site).pad(0.5),
      preferCanvas: true,
    });
    for (const [name, zIndex] of Object.entries(PANES)) {
      const pane = this.map.createPane(name);
      pane.style.zIndex = String(zIndex);
      // Only the topmost canvas would get pointer events: guards are hit-tested from the map's click instead.
      if (NOT_CLICKABLE.includes(name)) pane.style.pointerEvents = 'none';
    }
    this.groundRenderer = L.svg({ pane: 'ground' });
    this.planRenderer = L.canvas({ pane: 'plan', padding: 0.5 });
    this.backdrop = new BackdropLayer(this.map, 'backdrop', () => this.index.site.plan, this.handleBackdropState);
    this.map.getContainer().dataset.backdrop = 'none';
    this.deviceRenderer = L.canvas({ pane: 'devices', padding: 0.5 });
    this.alarms = new AlarmLayer(this.map, L.svg({ pane: 'alarmZones' }), onSelectAlarm);
    // Guards on their own canvas: moving them never repaints the thousands of devices underneath.
    this.guards = new GuardLayer(this.map, L.canvas({ pane: 'guards', padding: 0.5 }), guardSource, guardWords, (guardId) =>
      this.pick({ kind: 'guard', id: guardId }),
    );
    this.map.on('click', this.handleMapClick);
    this.fitSite(false);
    this.map.on('zoomend', this.declutterLabels);
    this.map.on('zoomend', this.resizeDevices);
    this.resizeObserver = new ResizeObserver(() => this.map.invalidateSize());
    this.resizeObserver.observe(container);
  }

  /** The same site with new contents (a device's status, a device placed): redrawn in place. */
  setIndex(index: SiteIndex): void {
    this.index = index;
  }

  private pick(feature: MapFeature): void {
    this.featureClickAt = performance.now();
    this.onSelectFeature(feature);
  }

  /** A device's click: a guard drawn over it wins. */
  private readonly handleDeviceClick = (deviceId: string, at: L.Point): void => {
    const guardId = this.guards.hitTest(at);
    this.pick(guardId ? { kind: 'guard', id: guardId } : { kind: 'device', id: deviceId });
  };

  /** A click on no device picks the guard there, else the zone under it on this floor, else clears the selection. */
  private readonly handleMapClick = (event: L.LeafletMouseEvent): void => {
    if (performance.now() - this.featureClickAt < 50) return;
    const guardId = this.guards.hitTest(event.containerPoint);
    if (guardId) {
      this.pick({ kind: 'guard', id: guardId });
      return;
    }
    const point: Point = [event.latlng.lng, event.latlng.lat];
    const zone = zoneAt(this.index, point, this.floor);
    this.onSelectFeature(zone ? { kind: 'zone', id: zone.id } : null);
  };

  /** The plan image loaded or failed: the zones' fills follow (translucent only over a shown image). */
  private readonly handleBackdropState = (state: BackdropState): void => {
    this.backdropState = state;
    this.map.getContainer().dataset.backdrop = state;
    this.onBackdropState(state);
    // A change while a floor is being drawn is read by that drawing itself.
    if (this.words && !this.drawing) this.showFloor(this.floor, this.words);
  };

  /** Draws one floor: the site outline, its backdrop, its zones with labels, camera views and devices. */
  showFloor(floor: number, words: MapWords): void {
    this.floor = floor;
    this.words = words;
    this.drawing = true;
    try {
      this.drawFloor(floor, words);
    } finally {
      this.drawing = false;
    }
  }

  private drawFloor(floor: number, words: MapWords): void {
    for (const layer of this.floorLayers) layer.remove();
    const { site } = this.index;
    const outline = L.layerGroup([
      L.rectangle(planBounds(site), { renderer: this.groundRenderer, stroke: false, fillColor: '#10171f', fillOpacity: 1, interactive: false }),
    ]);
    this.backdrop.show(site.backdrop, floor);
    const { zones, labels } = buildZoneLayer(site, floor, words, this.planRenderer, 'labels', this.backdropState === 'shown');
    const devices = buildDeviceMarkers(site, floor, words, this.deviceRenderer, deviceRadiusAt(this.map.getZoom()), this.handleDeviceClick);
    const wedges = buildCameraWedges(
      site.devices.filter((device) => device.floor === floor),
      this.deviceRenderer,
    );
    this.floorLayers = [outline, zones, L.layerGroup(wedges), L.layerGroup(devices), ...labels];
    // What is drawn, for tests and tools: canvas shapes are not in the DOM.
    this.map.getContainer().dataset.floor = String(floor);
    this.map.getContainer().dataset.shownDevices = String(devices.length);
    const statuses = new Map<string, number>();
    for (const device of site.devices) if (device.floor === floor) statuses.set(device.status, (statuses.get(device.status) ?? 0) + 1);
    this.map.getContainer().dataset.deviceStatuses = [...statuses].map(([status, count]) => `${status}:${count}`).sort().join(' ');
    this.labels = labels;
    this.devices = devices;
    for (const layer of this.floorLayers) layer.addTo(this.map);
    this.declutterLabels();
  }

  private readonly resizeDevices = (): void => {
    const radius = deviceRadiusAt(this.map.getZoom());
    for (const marker of this.devices) {
      if (marker.getRadius() !== radius) marker.setRadius(radius);
    }
  };

  /** Hides every label that would overlap a more important one; zooming in brings them back. */
  private readonly declutterLabels = (): void => {
    const placed: DOMRect[] = [];
    for (const label of this.labels) {
      const element = label.getElement();
      if (!element) continue;
      element.style.visibility = '';
      const box = element.getBoundingClientRect();
      const overlaps = placed.some(
        (other) => box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom,
      );
      if (overlaps) element.style.visibility = 'hidden';
      else placed.push(box);
    }
  };

  renderAlarms(alarms: readonly Alarm[], floor: number, selectedAlarmId: string | null): void {
    this.alarms.render(alarms, this.index, floor, selectedAlarmId);
  }

  /**
   * Where the details panel goes so that it does not hide what it describes: the side of the
   * map away from the feature.
   */
  sideFor(feature: MapFeature): 'left' | 'right' {
    const position = this.positionOf(feature);
    if (!position) return 'right';
    const at = this.map.latLngToContainerPoint(toLatLng(position));
    return at.x > this.map.getSize().x / 2 ? 'left' : 'right';
  }

  private positionOf(feature: MapFeature): Point | undefined {
    switch (feature.kind) {
      case 'guard':
        return guardPositions.tracks.get(feature.id)?.fix.position;
      case 'device':
        return this.index.devices.get(feature.id)?.position;
      case 'zone': {
        const zone = this.index.zones.get(feature.id);
        return zone ? zoneCentre(zone) : undefined;
      }
    }
  }

  fitSite(animate = true): void {
    // Room above for the floor switcher and zoom buttons, below for the legend.
    this.map.fitBounds(planBounds(this.index.site), { paddingTopLeft: [16, 60], paddingBottomRight: [16, 44], animate });
  }

  flyTo(position: Point): void {
    const siteZoom = this.map.getBoundsZoom(planBounds(this.index.site), false, L.point(48, 48));
    const zoom = Math.max(this.map.getZoom(), siteZoom + FOCUS_ZOOM_STEP);
    this.map.flyTo(toLatLng(position), zoom, { duration: 0.8 });
  }

  zoomBy(delta: number): void {
    this.map.setZoom(this.map.getZoom() + delta);
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.backdrop.destroy();
    this.alarms.clear();
    this.guards.destroy();
    this.map.remove();
  }
}
