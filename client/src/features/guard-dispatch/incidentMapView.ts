import { ARRIVAL_RADIUS_M, type Point, type Site } from '@vigil/shared';
import L from 'leaflet';
import { planBounds, toLatLng } from '../../map/plan';
import { buildZoneLayer, type MapWords } from '../../map/siteLayers';

/** How much of the plan around the incident shows when the guard's own position is unknown. */
const AROUND_M = 40;

export interface IncidentMapWords {
  map: MapWords;
  you: string;
  incident: string;
}

/**
 * A small Leaflet map for the phone: one floor of the site's plan, the incident's place with the
 * arrival radius, and the guard's own position. Made once per incident, then moved by calls.
 */
export class IncidentMapView {
  private readonly map: L.Map;
  private readonly renderer = L.svg();
  private readonly guardMarker: L.CircleMarker;
  private floorLayer: L.Layer | null = null;
  private labels: L.Tooltip[] = [];
  private readonly resizeObserver: ResizeObserver;

  constructor(
    container: HTMLElement,
    private readonly site: Site,
    private readonly place: { position: Point; floor: number },
    words: IncidentMapWords,
  ) {
    this.map = L.map(container, {
      crs: L.CRS.Simple,
      attributionControl: false,
      zoomControl: false,
      zoomSnap: 0.25,
      minZoom: -3,
      maxZoom: 4,
      maxBounds: planBounds(site).pad(0.5),
    });
    this.map.createPane('labels').style.zIndex = '450';
    this.map.getPane('labels')!.style.pointerEvents = 'none';
    L.rectangle(planBounds(site), { renderer: this.renderer, stroke: false, fillColor: '#10171f', fillOpacity: 1, interactive: false }).addTo(this.map);
    this.drawFloor(words.map);
    const at = toLatLng(place.position);
    L.circle(at, { renderer: this.renderer, radius: ARRIVAL_RADIUS_M, color: '#ff4d4f', weight: 2, dashArray: '6 5', fillColor: '#ff4d4f', fillOpacity: 0.12, interactive: false }).addTo(this.map);
    L.circleMarker(at, { renderer: this.renderer, radius: 9, color: '#fff', weight: 3, fillColor: '#ff4d4f', fillOpacity: 1, interactive: false })
      .bindTooltip(words.incident, { permanent: true, direction: 'right', offset: [12, 0], className: 'dispatch-map__label dispatch-map__label--incident' })
      .addTo(this.map);
    this.guardMarker = L.circleMarker(at, { renderer: this.renderer, radius: 8, color: '#fff', weight: 3, fillColor: '#4ea4e6', fillOpacity: 1, interactive: false }).bindTooltip(words.you, {
      permanent: true,
      direction: 'bottom',
      offset: [0, 10],
      className: 'dispatch-map__label dispatch-map__label--you',
    });
    this.fit(null);
    this.resizeObserver = new ResizeObserver(() => this.map.invalidateSize());
    this.resizeObserver.observe(container);
  }

  /** The guard's own position on the plan (null: not known, or not on this site's plan). */
  setGuard(position: Point | null): void {
    if (position) {
      this.guardMarker.setLatLng(toLatLng(position));
      if (!this.map.hasLayer(this.guardMarker)) this.guardMarker.addTo(this.map);
    } else {
      this.guardMarker.remove();
    }
    this.fit(position);
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.map.remove();
  }

  private drawFloor(words: MapWords): void {
    const { zones, labels } = buildZoneLayer(this.site, this.place.floor, words, this.renderer, 'labels');
    this.floorLayer = zones.addTo(this.map);
    this.labels = labels.map((label) => label.addTo(this.map));
  }

  /** Both the incident and the guard in view; only the incident's surroundings when alone. */
  private fit(guard: Point | null): void {
    const [x, y] = this.place.position;
    const around = L.latLngBounds(toLatLng([x - AROUND_M, y - AROUND_M]), toLatLng([x + AROUND_M, y + AROUND_M]));
    const bounds = guard ? around.extend(toLatLng(guard)) : around;
    this.map.fitBounds(bounds, { padding: [40, 40], animate: false });
  }
}
