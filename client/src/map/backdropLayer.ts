import type { SiteBackdrop } from '@vigil/shared';
import L from 'leaflet';
import { toLatLng } from './plan';

/** What the backdrop is doing, for the notice on the map and for tests (`data-backdrop`). */
export type BackdropState = 'none' | 'loading' | 'shown' | 'failed';

/**
 * Tiles in plan coordinates (see BackdropSchema): `{x}` columns east from the plan's west edge,
 * `{y}` rows north from its south edge. CRS.Simple counts rows from y = 0 southwards, so row
 * -1 is the first one north of the edge.
 */
class PlanTileLayer extends L.TileLayer {
  constructor(
    private readonly template: string,
    options: L.TileLayerOptions,
  ) {
    super(template, options);
  }

  override getTileUrl(coords: L.Coords): string {
    return planTileUrl(this.template, coords);
  }
}

export function planTileUrl(template: string, coords: { x: number; y: number; z: number }): string {
  return L.Util.template(template, { z: coords.z, x: coords.x, y: -coords.y - 1 });
}

/** The floors a backdrop is drawn under: its own, or every floor. */
export function backdropShownOn(backdrop: SiteBackdrop | null, floor: number): boolean {
  return backdrop !== null && (backdrop.floor === undefined || backdrop.floor === floor);
}

/**
 * The optional raster under the vector plan, in its own pane. Never required: an image or tile
 * that does not load is reported (`onState('failed')`) and the plan above it is drawn as ever.
 */
export class BackdropLayer {
  private layer: L.ImageOverlay | L.TileLayer | null = null;
  private key = '';
  private state: BackdropState = 'none';

  constructor(
    private readonly map: L.Map,
    private readonly pane: string,
    private readonly planSize: () => { width: number; height: number },
    private readonly onState: (state: BackdropState) => void,
  ) {}

  /** Shows the site's backdrop for this floor; the same backdrop again keeps the loaded layer. */
  show(backdrop: SiteBackdrop | null, floor: number): void {
    const shown = backdropShownOn(backdrop, floor) ? backdrop : null;
    const key = shown ? JSON.stringify(shown) : '';
    if (key === this.key) return;
    this.key = key;
    this.layer?.remove();
    this.layer = shown ? this.build(shown) : null;
    this.setState(shown ? 'loading' : 'none');
    this.layer?.addTo(this.map);
  }

  private build(backdrop: SiteBackdrop): L.ImageOverlay | L.TileLayer {
    if (backdrop.kind === 'image') {
      const [a, b] = backdrop.bounds;
      const overlay = L.imageOverlay(backdrop.url, L.latLngBounds(toLatLng(a), toLatLng(b)), {
        pane: this.pane,
        interactive: false,
        className: 'site-backdrop',
        alt: '',
      });
      overlay.on('load', () => this.setState('shown'));
      overlay.on('error', () => {
        // No broken-image glyph on the plan.
        const element = overlay.getElement();
        if (element) element.style.visibility = 'hidden';
        this.setState('failed');
      });
      return overlay;
    }
    const { width, height } = this.planSize();
    const tiles = new PlanTileLayer(backdrop.url, {
      pane: this.pane,
      tileSize: 256,
      minNativeZoom: 0,
      maxNativeZoom: backdrop.maxZoom,
      maxZoom: 24,
      noWrap: true,
      bounds: L.latLngBounds([0, 0], [height, width]),
      className: 'site-backdrop',
    });
    let loaded = 0;
    tiles.on('tileload', () => {
      loaded += 1;
      this.setState('shown');
    });
    // Some missing tiles at the edges are normal; none loading at all is a broken backdrop.
    tiles.on('tileerror', () => {
      if (loaded === 0) this.setState('failed');
    });
    return tiles;
  }

  private setState(state: BackdropState): void {
    if (state === this.state) return;
    this.state = state;
    this.onState(state);
  }

  destroy(): void {
    this.layer?.remove();
    this.layer = null;
  }
}
