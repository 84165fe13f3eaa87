import {
  applyEvent,
  liveStateFromJson,
  pruneResolved,
  replayedAt,
  TRAIL_MS,
  type DomainEvent,
  type LiveState,
  type ReplayClockState,
} from '@vigil/shared';
import type { GuardTrack } from '../guards/guardTracks';
import { REPLAY_POSITIONS_WINDOW_MS, type ReplayApi } from './replayApi';
import { ReplayFixes } from './replayTracks';

/** How far ahead of the clock (replayed ms) events and fixes are fetched; the next fetch starts halfway through. */
export const REPLAY_AHEAD_MS = 5 * 60_000;
/** Events per request (the server caps it too). */
export const REPLAY_EVENTS_LIMIT = 500;
/** Resolved alarms kept, as the live store keeps them. */
const KEEP_RESOLVED = 50;
/** After a failed fetch ahead, the next try waits this long (wall ms). */
export const REPLAY_RETRY_MS = 2_000;
/** Events already applied are dropped from the buffer in batches this size. */
const COMPACT_AFTER = 1_000;

export type ReplayLoad = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; error: unknown };

export interface ReplaySourceOptions {
  api: ReplayApi;
  /** The replay clock as it stands now (play, pause, seek and speed are the clock's). */
  clock: () => ReplayClockState;
  /** The site whose guards the map shows (null until the site is loaded: no fixes then). */
  siteId: () => string | null;
  /** The screen's state changed: after a seek's fetch, and when the clock passed events. */
  onState: (state: LiveState) => void;
  /** Where the guards stand at the replayed moment. */
  onTracks: (tracks: Map<string, GuardTrack>) => void;
  onLoad?: (load: ReplayLoad) => void;
  wallNow?: () => number;
  aheadMs?: number;
  eventsLimit?: number;
}

/**
 * What a screen shows in a replay, instead of the socket: the state at the moment (one GET),
 * then the events after it fetched ahead of the clock and applied, with the same `applyEvent`
 * as live, exactly as the clock passes each one's time; the guards' fixes alongside, walked
 * between by the clock. A seek fetches the state again; whatever a fetch for an earlier seek
 * brings back after that is dropped. Reads only: every request is a GET of the replay routes.
 */
export class ReplaySource {
  private generation = 0;
  private state: LiveState | null = null;
  private readonly events: DomainEvent[] = [];
  private cursor = 0;
  /** The seq of the last event held (or the state's), and the time through which every event is held. */
  private heldSeq = 0;
  private eventsThrough = 0;
  private fetchingEvents = false;
  private readonly fixes = new ReplayFixes();
  private fixesFrom = 0;
  private fixesThrough = 0;
  private fetchingFixes = false;
  private fixesSiteId: string | null = null;
  /** A positions answer cut short: the next asks from its `from`, after this guard. */
  private fixesAfterGuardId: string | undefined;
  /** No fetch ahead before this wall time (after a failure). */
  private retryAt = 0;
  private stopped = false;
  /** The latest replayed moment shown: a clock that goes back before it (play from the start again) needs a seek. */
  private shownAt = 0;
  /** When fixes behind the trail were last dropped (replayed ms). */
  private prunedAt = 0;
  private readonly wallNow: () => number;
  private readonly aheadMs: number;
  private readonly eventsLimit: number;

  constructor(private readonly options: ReplaySourceOptions) {
    this.wallNow = options.wallNow ?? Date.now;
    this.aheadMs = options.aheadMs ?? REPLAY_AHEAD_MS;
    this.eventsLimit = options.eventsLimit ?? REPLAY_EVENTS_LIMIT;
  }

  /** The replayed moment now. */
  now(): number {
    return replayedAt(this.options.clock(), this.wallNow());
  }

  /** How many fixes are held now. */
  get heldFixes(): number {
    return this.fixes.size;
  }

  /** The seq of the last event applied (null before the first state arrives). */
  get appliedSeq(): number | null {
    return this.state?.seq ?? null;
  }

  /** Shows the moment `at`: fetches the state there, then what lies ahead. Resolves when the state is shown. */
  async seek(at: number): Promise<void> {
    const generation = ++this.generation;
    this.state = null;
    this.events.length = 0;
    this.cursor = 0;
    this.fetchingEvents = false;
    this.fetchingFixes = false;
    this.fixes.clear();
    this.fixesSiteId = null;
    this.fixesAfterGuardId = undefined;
    this.retryAt = 0;
    this.options.onLoad?.({ status: 'loading' });
    try {
      const moment = await this.options.api.state(new Date(at).toISOString());
      if (generation !== this.generation || this.stopped) return;
      this.state = pruneResolved(liveStateFromJson(moment.state), KEEP_RESOLVED);
      this.heldSeq = moment.seq;
      this.eventsThrough = at;
      this.shownAt = at;
      this.prunedAt = at;
      this.fixes.add(moment.positions);
      this.fixesFrom = at - TRAIL_MS;
      this.fixesThrough = this.fixesFrom;
      this.options.onState(this.state);
      this.options.onLoad?.({ status: 'ready' });
      this.advance();
    } catch (error) {
      if (generation === this.generation && !this.stopped) this.options.onLoad?.({ status: 'failed', error });
    }
  }

  /**
   * Applies the events the clock has passed (all of them, in seq order, in one state change),
   * moves the guards, and fetches ahead when what is held runs short. Called on every animation
   * frame while playing, and once after a clock change.
   */
  advance(): void {
    if (!this.state || this.stopped) return;
    const now = this.now();
    if (now < this.shownAt) {
      // Events cannot be unapplied: an earlier moment is fetched afresh.
      void this.seek(now);
      return;
    }
    this.shownAt = now;
    let state = this.state;
    while (this.cursor < this.events.length && Date.parse(this.events[this.cursor]!.at) <= now) {
      state = applyEvent(state, this.events[this.cursor]!);
      this.cursor += 1;
    }
    if (this.cursor >= COMPACT_AFTER) {
      this.events.splice(0, this.cursor);
      this.cursor = 0;
    }
    if (state !== this.state) {
      this.state = pruneResolved(state, KEEP_RESOLVED);
      this.options.onState(this.state);
    }
    if (now - this.prunedAt > TRAIL_MS) {
      this.fixes.prune(now);
      this.prunedAt = now;
    }
    this.options.onTracks(this.fixes.tracksAt(now));
    this.fetchAhead(now);
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
  }

  private fetchAhead(now: number): void {
    if (this.wallNow() < this.retryAt) return;
    const end = this.options.clock().range.to;
    const wanted = Math.min(end, now + this.aheadMs);
    if (!this.fetchingEvents && this.eventsThrough < end && this.eventsThrough - now < this.aheadMs / 2) void this.fetchEvents(Math.max(wanted, this.eventsThrough));
    const siteId = this.options.siteId();
    if (siteId && siteId !== this.fixesSiteId) {
      // The site came (or changed) after the seek: its fixes from the trail's start again.
      this.fixesSiteId = siteId;
      this.fixesThrough = this.fixesFrom;
      this.fixesAfterGuardId = undefined;
    }
    if (!siteId || this.fetchingFixes || this.fixesThrough >= end || this.fixesThrough - now >= this.aheadMs / 2) return;
    if (this.fixesThrough < now - TRAIL_MS) {
      // Fallen behind (a slow server at 60×): what is older than the trail is not drawn, skip it.
      this.fixesThrough = now - TRAIL_MS;
      this.fixesAfterGuardId = undefined;
    }
    void this.fetchFixes(siteId, Math.min(Math.max(wanted, this.fixesThrough), this.fixesThrough + REPLAY_POSITIONS_WINDOW_MS));
  }

  private async fetchEvents(untilAt: number): Promise<void> {
    const generation = this.generation;
    this.fetchingEvents = true;
    try {
      const asked = this.heldSeq;
      const page = await this.options.api.events(asked, new Date(untilAt).toISOString(), this.eventsLimit);
      if (generation !== this.generation) return;
      for (const event of page.events) {
        if (event.seq <= this.heldSeq) continue;
        this.events.push(event);
        this.heldSeq = event.seq;
      }
      const last = page.events.at(-1);
      // A screen scoped to one site skips events it may not see: the page says where it read to.
      if (page.lastSeq !== undefined && page.lastSeq > this.heldSeq) this.heldSeq = page.lastSeq;
      // A full page holds every event up to its last one; the rest follow from that seq.
      // (A page that says "more" but moved nowhere is taken as the end, not asked again forever.)
      if (!page.more || this.heldSeq === asked) this.eventsThrough = untilAt;
      else if (last) this.eventsThrough = Math.max(this.eventsThrough, Date.parse(last.at));
      this.fetchingEvents = false;
      this.advance();
    } catch {
      // Tried again a little later; a seek starts over.
      if (generation !== this.generation) return;
      this.fetchingEvents = false;
      this.retryAt = this.wallNow() + REPLAY_RETRY_MS;
    }
  }

  private async fetchFixes(siteId: string, untilAt: number): Promise<void> {
    const generation = this.generation;
    this.fetchingFixes = true;
    const from = this.fixesThrough;
    try {
      const page = await this.options.api.positions(siteId, new Date(from).toISOString(), new Date(untilAt).toISOString(), this.fixesAfterGuardId);
      if (generation !== this.generation || siteId !== this.fixesSiteId) return;
      this.fixes.add(page.fixes);
      // Cut short: the rest from where it stopped; else the window is held whole.
      this.fixesThrough = page.next ? Math.max(from, Date.parse(page.next.from)) : untilAt;
      this.fixesAfterGuardId = page.next?.afterGuardId;
      this.fetchingFixes = false;
      this.advance();
    } catch {
      if (generation !== this.generation) return;
      this.fetchingFixes = false;
      this.retryAt = this.wallNow() + REPLAY_RETRY_MS;
    }
  }
}
