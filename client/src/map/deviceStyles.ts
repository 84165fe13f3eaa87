import type { DeviceKind, DeviceStatus } from '@vigil/shared';

/** A letter per device kind, drawn in the marker; the legend says what each one means. */
export const DEVICE_GLYPHS: Record<DeviceKind, string> = {
  camera: 'C',
  perimeter_beam: 'B',
  vibration_fibre: 'V',
  door: 'D',
  smoke_detector: 'S',
  heat_detector: 'H',
  fire_panel: 'F',
  call_point: 'M',
  elevator: 'E',
  panic_button: 'P',
  speaker: 'L',
  checkpoint: 'K',
  supplies: 'X',
  aed: 'A',
  water_sensor: 'W',
  gate_barrier: 'G',
};

export interface DeviceColours {
  fill: string;
  stroke: string;
  glyph: string;
}

/** Online devices stay quiet; anything wrong with a device stands out. */
export const DEVICE_STATUS_COLOURS: Record<DeviceStatus, DeviceColours> = {
  online: { fill: '#173049', stroke: '#5b9fd0', glyph: '#d6e9fb' },
  offline: { fill: '#2a2f36', stroke: '#7d8794', glyph: '#aab4c0' },
  fault: { fill: '#4a3510', stroke: '#f0a830', glyph: '#ffe2a8' },
  alarm: { fill: '#5a1518', stroke: '#ff4d4f', glyph: '#ffd6d6' },
  disabled: { fill: '#1c2128', stroke: '#4a525c', glyph: '#6d7681' },
};

export const DEVICE_RADIUS_PX = 8;

/** Markers shrink on a small map and grow when zoomed in, so they never swamp the plan. */
export function deviceRadiusAt(zoom: number): number {
  if (zoom < 1.2) return 6;
  if (zoom < 2.5) return DEVICE_RADIUS_PX;
  return 10;
}
