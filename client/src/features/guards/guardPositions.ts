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
