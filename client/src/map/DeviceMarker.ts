import L from 'leaflet';

/**
 * The parts of Leaflet's canvas renderer a marker needs to draw its own glyph. They are not in
 * the public typings; CircleMarker's own drawing uses exactly these (leaflet 1.9, Canvas.js).
 */
interface CanvasRendererInternals {
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
  _updateCircle: (layer: L.CircleMarker) => void;
}

interface CircleMarkerInternals {
  _renderer: CanvasRendererInternals;
  _point: L.Point;
  _radius: number;
  _empty: () => boolean;
}

/**
 * A device on the canvas renderer: a circle coloured by status with the kind's letter in it.
 * Thousands of these cost one canvas, not thousands of DOM nodes.
 */
export class DeviceMarker extends L.CircleMarker {
  private readonly glyph: string;
  private readonly glyphColour: string;

  constructor(latLng: L.LatLngExpression, glyph: string, glyphColour: string, options: L.CircleMarkerOptions) {
    super(latLng, options);
    this.glyph = glyph;
    this.glyphColour = glyphColour;
  }

  /** Called by the canvas renderer for every (re)draw of this marker. */
  _updatePath(): void {
    const self = this as unknown as CircleMarkerInternals;
    const renderer = self._renderer;
    if (!renderer._drawing || self._empty()) return;
    renderer._updateCircle(this);
    const ctx = renderer._ctx;
    const { x, y } = self._point;
    ctx.save();
    ctx.fillStyle = this.glyphColour;
    ctx.font = `700 ${Math.round(self._radius * 1.25)}px "Noto Sans SC", system-ui, sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(this.glyph, x, y + 0.5);
    ctx.restore();
  }
}
