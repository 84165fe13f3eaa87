import { isStale, type GuardLive, type GuardStatus, type Keyed } from '@vigil/shared';
import L from 'leaflet';
import { useGuardFloorCounts } from '../features/guards/guardFloorCounts';
import { guardPositions } from '../features/guards/guardPositions';
import { GUARD_LOOKS, STALE_COLOUR } from '../features/guards/guardStyles';
import { trailSegments, type GuardTrack } from '../features/guards/guardTracks';
import { GuardMarker, type GuardAppearance } from './GuardMarker';
import { toLatLng } from './plan';
import { screenNow } from '../lib/screenClock';

export interface GuardWords {
  /** The name of the accessible list of guards. */
  listLabel: string;
  status: (status: GuardStatus) => string;
  /** The label of a stale marker: the callsign and how long ago the last fix was ("A3 last fix 2 min ago"). */
  staleLabel: (guard: { callsign: string; at: string; now: Date }) => string;
  /** For the accessible list: one sentence per guard. */
  describe: (guard: { callsign: string; status: GuardStatus; floor: number; stale: boolean; at: string; now: Date }) => string;
}

export interface GuardLayerSource {
  guards: () => Keyed<GuardLive>;
  floor: () => number;
  selectedGuardId: () => string | null;
}

interface GuardShapes {
  marker: GuardMarker;
  accuracy: L.Circle;
  trail: L.Polyline;
  item: HTMLLIElement;
  button: HTMLButtonElement;
  onMap: boolean;
  /** What was last applied, so an unchanged style or text costs nothing. */
  colour: string;
  text: string;
}

/**
 * Markers are re-checked for staleness every this much of the screen clock's time, even when no
 * frame arrives: every 5 s live, every 5 s replayed in a replay (a fast replay checks more often),
 * and at once after a seek back. The clock is looked at every STALE_POLL_MS.
 */
const STALE_CHECK_MS = 5_000;
const STALE_POLL_MS = 250;
export const GUARD_UPDATE_MEASURE = 'guard-layer-update';
const LABEL_FONT_PROBE = '700 14px "Noto Sans SC"';

/**
 * Guards on the map, drawn imperatively on a canvas renderer: frames from the positions lane mark
 * guards dirty, and one requestAnimationFrame applies every change since the last draw. A hidden
 * list mirrors the markers for screen readers (and browser tests): canvas shapes are not in the DOM.
 */
export class GuardLayer {
  private readonly shapes = new Map<string, GuardShapes>();
  private readonly group = L.layerGroup();
  private readonly dirty = new Set<string>();
  private frameRequest = 0;
  private readonly checkedTexts = new Set<string>();
  private readonly unsubscribe: () => void;
  private readonly staleTimer: ReturnType<typeof setInterval>;
  private checkedAt = screenNow();
  readonly list: HTMLUListElement;
  private readonly map: L.Map;
  /** How near (px) a click must be to a guard's marker to pick it. */
  static readonly HIT_RADIUS_PX = 16;

  constructor(
    map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly source: GuardLayerSource,
    private words: GuardWords,
    private readonly onSelect: (guardId: string) => void,
  ) {
    this.map = map;
    this.group.addTo(map);
    this.list = document.createElement('ul');
    this.list.className = 'visually-hidden';
    this.list.setAttribute('aria-label', words.listLabel);
    this.list.dataset.testid = 'guard-list';
    map.getContainer().append(this.list);
    this.unsubscribe = guardPositions.subscribe((changed) => this.markDirty(changed));
    this.staleTimer = setInterval(() => {
      const now = screenNow();
      if (now - this.checkedAt < STALE_CHECK_MS && now >= this.checkedAt) return;
      this.checkedAt = now;
      this.refreshAll();
    }, STALE_POLL_MS);
    this.refreshAll();
  }

  /** Everything again: after a floor, language, roster or selection change. */
  refreshAll(words?: GuardWords): void {
    if (words) {
      this.words = words;
      this.list.setAttribute('aria-label', words.listLabel);
    }
    this.markDirty(new Set([...guardPositions.tracks.keys(), ...this.shapes.keys()]));
  }

  private markDirty(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
    if (this.frameRequest === 0 && this.dirty.size > 0) this.frameRequest = requestAnimationFrame(this.flush);
  }

  private readonly flush = (): void => {
    this.frameRequest = 0;
    performance.mark('guard-layer-start');
    const guards = this.source.guards();
    const floor = this.source.floor();
    const selected = this.source.selectedGuardId();
    const now = new Date(screenNow());
    for (const guardId of this.dirty) {
      const track = guardPositions.tracks.get(guardId);
      if (track) this.draw(guardId, track, guards.get(guardId), floor, selected === guardId, now);
      else this.remove(guardId);
    }
    this.dirty.clear();
    const counts: Record<number, number> = {};
    for (const track of guardPositions.tracks.values()) counts[track.fix.floor] = (counts[track.fix.floor] ?? 0) + 1;
    useGuardFloorCounts.getState().set(counts);
    performance.measure(GUARD_UPDATE_MEASURE, 'guard-layer-start');
  };

  /**
   * Canvas text does not make the browser fetch a web font's subset (Noto Sans SC comes in
   * unicode-range slices): load the glyphs a label needs, then draw again.
   */
  private ensureGlyphs(text: string): void {
    if (this.checkedTexts.has(text)) return;
    this.checkedTexts.add(text);
    if (document.fonts.check(LABEL_FONT_PROBE, text)) return;
    void document.fonts.load(LABEL_FONT_PROBE, text).then(() => this.refreshAll());
  }

  private draw(guardId: string, track: GuardTrack, guard: GuardLive | undefined, floor: number, selected: boolean, now: Date): void {
    const { fix } = track;
    const status: GuardStatus = guard?.status ?? 'available';
    const stale = isStale(fix, now);
    const callsign = guard?.callsign ?? guardId;
    const appearance: GuardAppearance = {
      callsign,
      label: stale ? this.words.staleLabel({ callsign, at: fix.at, now }) : `${callsign} ${this.words.status(status)}`,
      status,
      heading: fix.heading,
      stale,
      selected,
    };
    const latLng = toLatLng(fix.position);
    this.ensureGlyphs(appearance.label);
    const shapes = this.shapes.get(guardId) ?? this.create(guardId, latLng, appearance);
    shapes.marker.setLatLng(latLng);
    shapes.marker.setAppearance(appearance);
    const colour = stale ? STALE_COLOUR : GUARD_LOOKS[status].colour;
    if (colour !== shapes.colour) {
      shapes.colour = colour;
      shapes.accuracy.setStyle({ color: colour, fillColor: colour });
      shapes.trail.setStyle({ color: colour });
    }
    shapes.accuracy.setLatLng(latLng);
    if (shapes.accuracy.getRadius() !== (fix.accuracy ?? 0)) shapes.accuracy.setRadius(fix.accuracy ?? 0);
    shapes.trail.setLatLngs(trailSegments(track.trail, fix.floor).map((segment) => segment.map(toLatLng)));
    const onFloor = fix.floor === floor;
    this.show(shapes, onFloor);
    const { item } = shapes;
    item.dataset.guardId = guardId;
    item.dataset.x = fix.position[0].toFixed(1);
    item.dataset.y = fix.position[1].toFixed(1);
    item.dataset.floor = String(fix.floor);
    item.dataset.status = status;
    item.dataset.stale = String(stale);
    item.dataset.onFloor = String(onFloor);
    item.dataset.at = fix.at;
    const text = this.words.describe({ callsign, status, floor: fix.floor, stale, at: fix.at, now });
    if (text !== shapes.text) {
      shapes.text = text;
      shapes.button.textContent = text;
    }
  }

  private create(guardId: string, latLng: L.LatLngTuple, appearance: GuardAppearance): GuardShapes {
    const renderer = this.renderer;
    const marker = new GuardMarker(latLng, appearance, { renderer, radius: 9, stroke: false, fill: false, interactive: false });
    const accuracy = L.circle(latLng, { renderer, radius: 0, weight: 1, opacity: 0.5, fillOpacity: 0.08, interactive: false });
    const trail = L.polyline([], { renderer, weight: 3, opacity: 0.55, dashArray: '2 6', interactive: false });
    const item = document.createElement('li');
    item.dataset.testid = 'guard-marker';
    // A button per guard: keyboard and screen-reader users can open the same details as a click on the map.
    const button = document.createElement('button');
    button.type = 'button';
    button.addEventListener('click', () => this.onSelect(guardId));
    item.append(button);
    this.list.append(item);
    const shapes: GuardShapes = { marker, accuracy, trail, item, button, onMap: false, colour: '', text: '' };
    this.shapes.set(guardId, shapes);
    return shapes;
  }

  private show(shapes: GuardShapes, onMap: boolean): void {
    if (shapes.onMap === onMap) return;
    shapes.onMap = onMap;
    for (const layer of [shapes.trail, shapes.accuracy, shapes.marker]) {
      if (onMap) this.group.addLayer(layer);
      else this.group.removeLayer(layer);
    }
  }

  private remove(guardId: string): void {
    const shapes = this.shapes.get(guardId);
    if (!shapes) return;
    this.show(shapes, false);
    shapes.item.remove();
    this.shapes.delete(guardId);
  }

  /** The guard shown nearest to a point on the map's container, within HIT_RADIUS_PX. */
  hitTest(at: L.Point): string | null {
    let best: string | null = null;
    let bestDistance: number = GuardLayer.HIT_RADIUS_PX;
    for (const [guardId, shapes] of this.shapes) {
      if (!shapes.onMap) continue;
      const distance = this.map.latLngToContainerPoint(shapes.marker.getLatLng()).distanceTo(at);
      if (distance <= bestDistance) {
        best = guardId;
        bestDistance = distance;
      }
    }
    return best;
  }

  destroy(): void {
    this.unsubscribe();
    clearInterval(this.staleTimer);
    cancelAnimationFrame(this.frameRequest);
    this.group.clearLayers();
    this.list.remove();
  }
}
