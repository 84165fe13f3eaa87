import L from 'leaflet';
import { GUARD_LOOKS, STALE_COLOUR, type GuardShape } from '../features/guards/guardStyles';
import type { GuardStatus } from '@vigil/shared';

/** The parts of Leaflet's canvas renderer a marker draws with (leaflet 1.9 Canvas.js). */
interface CanvasInternals {
  _ctx: CanvasRenderingContext2D;
  _drawing: boolean;
}
interface MarkerInternals {
  _renderer: CanvasInternals;
  _point: L.Point;
  _radius: number;
  _pxBounds: L.Bounds;
  _empty: () => boolean;
}

/** One off-screen context to measure label widths with. */
let measuring: CanvasRenderingContext2D | null = null;
function labelWidth(text: string, font: string): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (!measuring) return text.length * 12;
  measuring.font = font;
  return measuring.measureText(text).width;
}

const labelFont = (radius: number) => `700 ${Math.round(radius * 1.6)}px "Noto Sans SC", system-ui, sans-serif`;

export interface GuardAppearance {
  callsign: string;
  /** Drawn beside the marker: the callsign with the status in words, or how old a stale fix is. */
  label: string;
  status: GuardStatus;
  heading: number | null;
  stale: boolean;
  selected: boolean;
}

function tracePath(ctx: CanvasRenderingContext2D, shape: GuardShape, x: number, y: number, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case 'circle':
    case 'ring':
      ctx.arc(x, y, r, 0, Math.PI * 2);
      break;
    case 'diamond':
      ctx.moveTo(x, y - r * 1.25);
      ctx.lineTo(x + r * 1.25, y);
      ctx.lineTo(x, y + r * 1.25);
      ctx.lineTo(x - r * 1.25, y);
      ctx.closePath();
      break;
    case 'square':
      ctx.rect(x - r, y - r, r * 2, r * 2);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.4);
      ctx.lineTo(x + r * 1.3, y + r);
      ctx.lineTo(x - r * 1.3, y + r);
      ctx.closePath();
      break;
  }
}

/**
 * A guard on the canvas renderer: a status shape, a heading arrow and a label (the callsign
 * with the status in words; for a stale fix, its age). Moving it is one `setLatLng`; the renderer redraws once per animation frame.
 */
export class GuardMarker extends L.CircleMarker {
  appearance: GuardAppearance;

  constructor(latLng: L.LatLngExpression, appearance: GuardAppearance, options: L.CircleMarkerOptions) {
    super(latLng, options);
    this.appearance = appearance;
  }

  setAppearance(appearance: GuardAppearance): void {
    this.appearance = appearance;
    this.redraw();
  }

  /**
   * The area the renderer clears and repaints for this marker: the shape, the heading arrow and
   * the label to its right. Leaflet's own bounds cover the circle only, which would clip them.
   */
  _updateBounds(): void {
    const self = this as unknown as MarkerInternals;
    const r = self._radius;
    const reach = r * 2.6;
    const right = r * 1.8 + labelWidth(this.appearance.label, labelFont(r)) + 4;
    self._pxBounds = L.bounds(self._point.subtract([reach, reach]), self._point.add([Math.max(reach, right), reach]));
  }

  /** Called by the canvas renderer for every (re)draw of this marker. */
  _updatePath(): void {
    const self = this as unknown as MarkerInternals;
    const renderer = self._renderer;
    if (!renderer._drawing || self._empty()) return;
    const ctx = renderer._ctx;
    const { x, y } = self._point;
    const r = self._radius;
    const { label, status, heading, stale, selected } = this.appearance;
    const look = GUARD_LOOKS[status];
    const colour = stale ? STALE_COLOUR : look.colour;
    ctx.save();
    ctx.globalAlpha = stale ? 0.7 : 1;
    if (heading !== null && !stale) {
      const angle = (heading * Math.PI) / 180;
      const tipX = x + Math.sin(angle) * r * 2.4;
      const tipY = y - Math.cos(angle) * r * 2.4;
      ctx.beginPath();
      ctx.moveTo(tipX, tipY);
      ctx.lineTo(x + Math.sin(angle + 0.5) * r * 1.3, y - Math.cos(angle + 0.5) * r * 1.3);
      ctx.lineTo(x + Math.sin(angle - 0.5) * r * 1.3, y - Math.cos(angle - 0.5) * r * 1.3);
      ctx.closePath();
      ctx.fillStyle = colour;
      ctx.fill();
    }
    tracePath(ctx, look.shape, x, y, r);
    ctx.fillStyle = look.shape === 'ring' || stale ? '#0b1017' : colour;
    ctx.fill();
    ctx.lineWidth = selected ? 4 : 2;
    ctx.strokeStyle = selected ? '#ffffff' : stale ? STALE_COLOUR : '#05080c';
    if (stale) ctx.setLineDash([3, 3]);
    if (look.shape === 'ring' || stale) ctx.strokeStyle = selected ? '#ffffff' : colour;
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = labelFont(r);
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 4;
    ctx.strokeStyle = '#05080c';
    ctx.strokeText(label, x + r * 1.8, y);
    ctx.fillStyle = stale ? '#aab4c0' : '#f2f6fa';
    ctx.fillText(label, x + r * 1.8, y);
    ctx.restore();
  }
}
