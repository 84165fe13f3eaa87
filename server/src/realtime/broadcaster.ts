import {
  applyEvent,
  emptyState,
  HAZARDS_KEPT,
  TOURS_KEPT,
  liveStateFromJson,
  liveStateToJson,
  pruneResolved,
  scopeKey,
  scopeState,
  type DomainEvent,
  type LiveState,
  type Monitor,
  type Stream,
  type Viewer,
} from '@vigil/shared';
import type { Db, Executor } from '../db/client.js';
import { checkpointsOf, hazardsForSnapshot, toursForSnapshot } from '../repositories/patrols.repository.js';
import { presentHazard, presentTour } from '../presenters/patrol.presenter.js';
import { allEventsAfter, eventsAfter, lastSeq } from '../repositories/events.repository.js';
import { activeDrills } from '../repositories/drills.repository.js';
import { listForSnapshot } from '../repositories/alarms.repository.js';
import { presentAlarm } from '../presenters/alarm.presenter.js';
import { presentGuard } from '../presenters/guard.presenter.js';
import { presentSite } from '../presenters/site.presenter.js';
import { listGuards } from '../repositories/guards.repository.js';
import { listSiteRows } from '../repositories/sites.repository.js';
import { listMonitors, listPresets } from '../repositories/wall.repository.js';
import { presentMonitor, presentPreset } from '../presenters/wall.presenter.js';
import { presentDispatch } from '../presenters/incident.presenter.js';
import { listDispatchesOf, listForSnapshot as listIncidentsForSnapshot } from '../repositories/incidents.repository.js';
import { loadIncidents } from '../services/incidents/incident-access.js';
import { CLOSED_INCIDENTS_KEPT, RESOLVED_KEPT, project, settle } from './projection.js';

const BATCH = 500;
const RESOLVED_WINDOW_MS = 12 * 3_600_000;
/** Scopes whose encoded snapshot is kept at one seq (a guard's phone is a scope of its own). */
const SNAPSHOTS_KEPT = 64;

/** Events of a drill stream read per round trip when its state is folded at start. */
const DRILL_FOLD_BATCH = 2_000;

/** Live events that change reference data (sites, devices, roster, wall): shared by every drill's state. */
const SHARED_REFERENCE: ReadonlySet<DomainEvent['type']> = new Set([
  'site.saved',
  'site.zoneSaved',
  'site.zoneRemoved',
  'site.deviceSaved',
  'site.deviceRemoved',
  'guard.saved',
  'guard.removed',
  'wall.monitorSaved',
  'wall.monitorRemoved',
  'wall.presetSaved',
  'wall.presetRemoved',
]);

/**
 * The state a drill starts from: the live reference data (sites with their devices, the roster,
 * the wall's monitors and presets) and none of live's operations. Every guard is `available` in
 * a drill (simulated guards stand in for absent ones): a drill's guard statuses are only what
 * its own `guard.statusChanged` events make them (kept for the services in drill_runs'
 * `guard_statuses`, never in the guards table), so no live status leaks in and none leaks out.
 */
export function drillBase(live: LiveState): LiveState {
  return {
    ...emptyState(),
    sites: live.sites,
    guards: live.guards.map((guard) => (guard.status === 'available' ? guard : { ...guard, status: 'available' as const })),
    monitors: live.monitors,
    presets: live.presets,
  };
}

function withMonitorViews(state: LiveState, views: Record<string, { view: Monitor['view']; releasedAlarmIds: string[] }>): LiveState {
  const monitors = { ...state.monitors };
  for (const [id, own] of Object.entries(views)) if (monitors[id]) monitors[id] = { ...monitors[id], view: own.view, releasedAlarmIds: own.releasedAlarmIds };
  return { ...state, monitors };
}

/** A live reference event as a drill sees it: a guard saved keeps the status the drill gave them. */
function asDrillSees(state: LiveState, event: DomainEvent): DomainEvent {
  return event.type === 'guard.saved' ? keepDrillStatus(state, event) : event;
}

/** A live reference event (as the drill sees it) applied to a drill's state, which keeps its own seq (the drill stream's). */
function shareReference(state: LiveState, event: DomainEvent): LiveState {
  const next = applyEvent({ ...state, seq: event.seq - 1 }, event);
  return { ...next, seq: state.seq };
}

function keepDrillStatus(state: LiveState, event: Extract<DomainEvent, { type: 'guard.saved' }>): DomainEvent {
  const status = state.guards.get(event.payload.guard.id)?.status ?? 'available';
  return { ...event, payload: { guard: { ...event.payload.guard, status } } };
}

/** A snapshot cut to one scope and serialized: the JSON of its LiveStateJson, shared by every socket of that scope. */
export interface EncodedSnapshot {
  seq: number;
  json: string;
  siteIds: string[];
}

/**
 * Reads committed events from the log in seq order and hands each to `emit`, and keeps the
 * live projection (the same `applyEvent` the screens use) at the same seq, so a snapshot
 * and the deltas after it always join up. Reading from the database, not from the writer's
 * memory, is what makes the order the commit order and lets several nodes share one log.
 */
export class Broadcaster {
  private seq = 0;
  private live: LiveState = emptyState();
  /** Each drill not ended, by its stream (`drill:<runId>`): folded by the same applyEvent as live. */
  private drills = new Map<Stream, LiveState>();
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Encoded snapshots of `encodedOf` by scope key; emptied whenever the live state moves on. */
  private encoded = new Map<string, EncodedSnapshot>();
  private encodedOf: LiveState | null = null;
  private serializations = 0;

  constructor(
    private readonly db: Db,
    /**
     * Each event with the state it leaves (what it refers to is in it), to route it by who may
     * see it, to the sockets of stream `to`: the event's own, or a drill's for a live event of
     * reference data (sites, devices, roster, wall), which every drill shares.
     */
    private readonly emit: (event: DomainEvent, state: LiveState, to: Stream) => void,
    private readonly onError: (error: unknown) => void,
    private readonly clock: () => Date = () => new Date(),
    /**
     * Each live event once sent, with the state it leaves (pruned): replay's checkpoint writer.
     * Called after `emit`, so nothing it does comes before the screens.
     */
    private readonly projected: (event: DomainEvent, state: LiveState) => void = () => {},
  ) {}

  /** Builds the live projection from the state tables at a consistent seq. */
  async start(): Promise<void> {
    await this.db.transaction(
      async (tx) => {
        const seq = await lastSeq(tx);
        const since = new Date(this.clock().getTime() - RESOLVED_WINDOW_MS);
        const rows = await listForSnapshot(tx, 'live', since);
        const alarms = Object.fromEntries(rows.map((row) => [row.id, presentAlarm(row)]));
        const siteRows = await listSiteRows(tx);
        const sites = Object.fromEntries(
          siteRows.sites.map((site) => [site.id, presentSite(site, siteRows.zones, siteRows.devices)]),
        );
        const guards = Object.fromEntries((await listGuards(tx)).map((row) => [row.id, presentGuard(row)]));
        const monitors = Object.fromEntries((await listMonitors(tx)).map((row) => [row.id, presentMonitor(row)]));
        const presets = Object.fromEntries((await listPresets(tx)).map((row) => [row.id, presentPreset(row)]));
        // Incidents with their runs and the timeline window the reducer keeps, and their dispatches.
        const incidentList = await loadIncidents(tx, await listIncidentsForSnapshot(tx, 'live', CLOSED_INCIDENTS_KEPT), 'live');
        const incidents = Object.fromEntries(incidentList.map((incident) => [incident.id, incident]));
        const dispatchRows = await listDispatchesOf(tx, Object.keys(incidents));
        const dispatches = Object.fromEntries(dispatchRows.map((row) => [row.id, presentDispatch(row)]));
        // Patrol tours not yet done and the last ended ones; open hazards and the last verified.
        const tourRows = await toursForSnapshot(tx, 'live', TOURS_KEPT);
        const tourCheckpoints = await checkpointsOf(tx, tourRows.map((row) => row.id));
        const tours = Object.fromEntries(tourRows.map((row) => [row.id, presentTour(row, tourCheckpoints.filter((c) => c.tourId === row.id))]));
        const hazards = Object.fromEntries((await hazardsForSnapshot(tx, 'live', HAZARDS_KEPT)).map((row) => [row.id, presentHazard(row)]));
        this.seq = seq;
        this.live = pruneResolved(
          liveStateFromJson({ seq: await lastSeq(tx, 'live'), alarms, sites, guards, monitors, presets, incidents, dispatches, tours, hazards }),
          RESOLVED_KEPT,
        );
        await this.loadDrills(tx);
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /**
   * Each active drill's state: its stream's events folded from its start over the live reference
   * data (a drill is short, at most MAX_DRILL_SEC, so the fold is small). Read in the same
   * transaction as the live state, so both stand at one seq.
   */
  private async loadDrills(tx: Executor): Promise<void> {
    this.drills.clear();
    for (const { stream, monitorViews } of await activeDrills(tx)) {
      // The drill's own wall as it stands (its wall events, folded again below, set the same views).
      let state = withMonitorViews(drillBase(this.live), monitorViews);
      for (;;) {
        const batch = await eventsAfter(tx, stream, state.seq, DRILL_FOLD_BATCH);
        state = batch.reduce(project, state);
        if (batch.length < DRILL_FOLD_BATCH) break;
      }
      this.drills.set(stream, state);
    }
  }

  /** The state a screen of this stream starts from. */
  snapshot(stream: Stream): LiveState {
    if (stream !== 'live') return this.drills.get(stream) ?? emptyState();
    return this.live;
  }

  /**
   * The snapshot as this viewer may see it, serialized once per (state, scope): a join storm at
   * one seq costs one JSON.stringify of a large state per scope, not one per socket. The cache
   * holds one seq only (cleared when an event moves the state) and at most SNAPSHOTS_KEPT scopes.
   */
  encodedSnapshot(stream: Stream, viewer: Viewer): EncodedSnapshot {
    // A drill's few participants: encoded per join, not cached.
    if (stream !== 'live') return this.encode(scopeState(viewer, this.snapshot(stream)));
    if (this.encodedOf !== this.live) {
      this.encoded.clear();
      this.encodedOf = this.live;
    }
    const key = scopeKey(viewer);
    const cached = this.encoded.get(key);
    if (cached) return cached;
    const made = this.encode(scopeState(viewer, this.live));
    if (this.encoded.size >= SNAPSHOTS_KEPT) this.encoded.delete(this.encoded.keys().next().value!);
    this.encoded.set(key, made);
    return made;
  }

  /** How many snapshots were serialized so far (tests and metrics: joins at one seq share one). */
  get snapshotSerializations(): number {
    return this.serializations;
  }

  private encode(state: LiveState): EncodedSnapshot {
    this.serializations += 1;
    return { seq: state.seq, json: JSON.stringify(liveStateToJson(state)), siteIds: Object.keys(state.sites) };
  }

  get broadcastSeq(): number {
    return this.seq;
  }

  /**
   * Events this process just committed. When they follow on from the last one sent they go
   * out at once; any gap (another node's commit, a rolled-back seq, a late continuation) is
   * filled from the log instead, so the order stays the commit order either way.
   */
  committed(events: readonly DomainEvent[]): void {
    if (this.closed) return;
    if (!this.running) {
      const pending = [...events].sort((a, b) => a.seq - b.seq);
      while (pending[0] && pending[0].seq === this.seq + 1) this.deliver(pending.shift()!);
      if (pending.every((event) => event.seq <= this.seq)) return;
    }
    void this.wake();
  }

  /** Something was committed: read and send everything new, in order. Coalesces calls. */
  wake(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        for (;;) {
          const batch = await allEventsAfter(this.db, this.seq, BATCH);
          for (const read of batch) {
            if (read.ok) this.deliver(read.event);
            else this.skip(read.seq, read.error);
          }
          if (batch.length < BATCH) break;
        }
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !this.closed);
  }

  private deliver(event: DomainEvent): void {
    if (event.seq <= this.seq) return;
    this.seq = event.seq;
    if (event.stream !== 'live') {
      this.deliverOther(event);
      return;
    }
    const shared = this.drills.size > 0 && SHARED_REFERENCE.has(event.type) ? this.shareWithDrills(event) : [];
    this.live = applyEvent(this.live, event);
    this.emit(event, this.live, event.stream);
    // A drill's screens see a device added or a guard rostered now, as live's do.
    for (const { stream, event: seen, state } of shared) this.emit(seen, state, stream);
    this.live = settle(this.live, event);
    this.projected(event, this.live);
    // The seq moved: the encoded snapshots of the last one are never sent again.
    if (this.encoded.size > 0) this.encoded.clear();
  }

  /** An event of a drill stream to its own state (made by `drill.started`, dropped at `drill.ended`); `audit` has none. */
  private deliverOther(event: DomainEvent): void {
    const held = this.drills.get(event.stream);
    if (!held && event.type !== 'drill.started') {
      this.emit(event, emptyState(), event.stream);
      return;
    }
    // Folded, sent and settled as live is (and as replay's seeks fold a drill stream).
    const state = applyEvent(held ?? drillBase(this.live), event);
    this.emit(event, state, event.stream);
    if (event.type === 'drill.ended') this.drills.delete(event.stream);
    else this.drills.set(event.stream, settle(state, event));
  }

  /** A live reference event into every drill's state; what each drill's screens are sent. */
  private shareWithDrills(event: DomainEvent): { stream: Stream; event: DomainEvent; state: LiveState }[] {
    return [...this.drills].map(([stream, held]) => {
      const seen = asDrillSees(held, event);
      const state = shareReference(held, seen);
      this.drills.set(stream, state);
      return { stream, event: seen, state };
    });
  }

  /** A row that is not a valid event: logged, not sent, and not read again. */
  private skip(seq: number, error: string): void {
    if (seq <= this.seq) return;
    this.seq = seq;
    this.onError(new Error(`${error}; not sent to screens`));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }
}
