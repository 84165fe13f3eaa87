import type { Alarm, Point } from '@vigil/shared';
import L from 'leaflet';
import type { MapFeature } from '../features/map-details/detailsSelection';
import { zoneAt, type SiteIndex } from '../features/sites/siteIndex';
import { AlarmLayer } from './alarmLayer';
import { buildCameraWedges } from './cameraWedges';
import { GuardLayer, type GuardLayerSource, type GuardWords } from './guardLayer';
import { deviceRadiusAt } from './deviceStyles';
import type { DeviceMarker } from './DeviceMarker';
import { planBounds, toLatLng } from './plan';
import { buildDeviceMarkers, buildZoneLayer, type MapWords } from './siteLayers';

/** Panes bottom to top: the plan, alarm zones, devices, guards (own canvas, clicks hit-tested), labels; Leaflet's marker pane (600) holds alarms. */
const PANES = { plan: 350, alarmZones: 410, devices: 420, guards: 430, labels: 460 } as const;

/** How much closer than the whole-site view the map goes to show one alarm. */
const FOCUS_ZOOM_STEP = 1;

/**
 * The Leaflet map of one site, made once and then driven by method calls: the React component
 * around it never re-renders per device or per alarm.
 */
export class SiteMapView {
  readonly map: L.Map;
  private readonly planRenderer: L.Canvas;
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
      if (name === 'labels' || name === 'guards') pane.style.pointerEvents = 'none';
    }
    this.planRenderer = L.canvas({ pane: 'plan', padding: 0.5 });
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

  /** Draws one floor: the site outline, its zones with labels, camera views and devices. */
  showFloor(floor: number, words: MapWords): void {
    this.floor = floor;
    for (const layer of this.floorLayers) layer.remove();
    const { site } = this.index;
    const outline = L.layerGroup([
      L.rectangle(planBounds(site), { renderer: this.planRenderer, stroke: false, fillColor: '#10171f', fillOpacity: 1, interactive: false }),
    ]);
    const { zones, labels } = buildZoneLayer(site, floor, words, this.planRenderer, 'labels');
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
    this.alarms.clear();
    this.guards.destroy();
    this.map.remove();
  }
}
