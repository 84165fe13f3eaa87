import type { DomainEvent, PositionsFrame } from '@vigil/shared';
import { applyFrame, mergeTrails, type GuardTracks, type TrailPoint } from './guardTracks';

type Listener = (changed: ReadonlySet<string>) => void;

/**
 * The positions lane on this page. Deliberately not a React store: frames arrive up to 4/s per
 * site and only the map's canvas layer listens, batching them into one draw per animation frame.
 */
class GuardPositions {
  readonly tracks: GuardTracks = new Map();
  private readonly listeners = new Set<Listener>();

  apply(frame: PositionsFrame): void {
    const changed = applyFrame(this.tracks, frame);
    if (changed.size === 0) return;
    for (const listener of this.listeners) listener(changed);
  }

  mergeTrails(trails: Readonly<Record<string, readonly TrailPoint[]>>): void {
    const changed = mergeTrails(this.tracks, trails);
    if (changed.size === 0) return;
    for (const listener of this.listeners) listener(changed);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A guard taken off the roster: its marker and trail go. */
  forget(guardId: string): void {
    if (!this.tracks.delete(guardId)) return;
    for (const listener of this.listeners) listener(new Set([guardId]));
  }

  /**
   * A replay's guards at the replayed moment, in place of what the lane held: only the guards
   * whose fix or trail changed are redrawn. (Live frames never come here.)
   */
  replaceAll(next: GuardTracks): void {
    const changed = new Set<string>();
    for (const guardId of this.tracks.keys()) {
      if (next.has(guardId)) continue;
      this.tracks.delete(guardId);
      changed.add(guardId);
    }
    for (const [guardId, track] of next) {
      const held = this.tracks.get(guardId);
      if (held && held.fix === track.fix && held.trail.length === track.trail.length && held.trail[0] === track.trail[0]) continue;
      this.tracks.set(guardId, track);
      changed.add(guardId);
    }
    if (changed.size === 0) return;
    for (const listener of this.listeners) listener(changed);
  }

  reset(): void {
    const changed = new Set(this.tracks.keys());
    this.tracks.clear();
    for (const listener of this.listeners) listener(changed);
  }
}

export const guardPositions = new GuardPositions();

export function handlePositionsFrame(frame: PositionsFrame): void {
  guardPositions.apply(frame);
}

/** The roster events the positions lane follows: a removed guard leaves the map on every screen. */
export function handleGuardEvent(event: DomainEvent): void {
  if (event.type === 'guard.removed') guardPositions.forget(event.payload.guardId);
}
