import { List, Map as ImmutableMap } from 'immutable';
import type { DomainEvent, EventOf, EventType } from './events.js';
import type { GuardLive } from './guard.js';
import type { Alarm, Device, Site, Zone } from './types.js';
import { isOpenIncident, type Dispatch, type Incident } from './incident.js';
import { autoEntryOf, TIMELINE_KEPT } from './incident-timeline.js';
import type { PlanRun, StepState } from './plan.js';
import { withReleased, withTile, type Monitor, type WallPreset } from './wall.js';
import { isOpenHazard, tourEndsAt, tourStatus, type Hazard, type PatrolTour, type TourCheckpoint } from './patrol.js';

/**
 * A keyed collection of the live state: a persistent hash map (immutable's HAMT), so changing
 * one entry costs O(log32 n) and shares the rest, where a spread of a plain record copied every
 * open alarm on every event. A changed entry still gives a new map, which is what React
 * selectors and store subscriptions compare.
 */
export type Keyed<T> = ImmutableMap<string, T>;

/**
 * Operational state of one stream, as every screen sees it. Positions are a separate lane.
 * The collections that grow with operations (alarms, guards, incidents, dispatches) are
 * `Keyed`; sites, monitors and presets are reference data changed at an admin's pace, small,
 * and stay plain records. On the wire it is `LiveStateJson` (liveStateToJson / liveStateFromJson).
 */
export interface LiveState {
  /** The seq of the last event applied. */
  seq: number;
  alarms: Keyed<Alarm>;
  sites: Record<string, Site>;
  guards: Keyed<GuardLive>;
  monitors: Record<string, Monitor>;
  presets: Record<string, WallPreset>;
  incidents: Keyed<Incident>;
  dispatches: Keyed<Dispatch>;
  /** Patrol tours (巡更): every one not yet done, and the TOURS_KEPT most recently ended. */
  tours: Keyed<PatrolTour>;
  /** Hazards (隐患): every open one, and the HAZARDS_KEPT most recently verified. */
  hazards: Keyed<Hazard>;
  /**
   * The ids of the resolved alarms, oldest resolution first, so pruneResolved drops the oldest
   * without sorting every alarm. Derived (rebuilt from `alarms` by liveStateFromJson), never sent.
   */
  resolvedOrder: List<string>;
}

/** LiveState as it travels in a snapshot: plain JSON records. */
export interface LiveStateJson {
  seq: number;
  alarms: Record<string, Alarm>;
  sites: Record<string, Site>;
  guards: Record<string, GuardLive>;
  monitors: Record<string, Monitor>;
  presets: Record<string, WallPreset>;
  incidents: Record<string, Incident>;
  dispatches: Record<string, Dispatch>;
  /** Absent in snapshots from before patrols. */
  tours?: Record<string, PatrolTour>;
  hazards?: Record<string, Hazard>;
}

export function emptyState(): LiveState {
  return {
    seq: 0,
    alarms: ImmutableMap(),
    sites: {},
    guards: ImmutableMap(),
    monitors: {},
    presets: {},
    incidents: ImmutableMap(),
    dispatches: ImmutableMap(),
    tours: ImmutableMap(),
    hazards: ImmutableMap(),
    resolvedOrder: List(),
  };
}

/** A keyed collection from a plain record (tests, and state built from rows). */
export function keyedOf<T>(record: Readonly<Record<string, T>> = {}): Keyed<T> {
  return ImmutableMap(record);
}

/** The state as plain records, for a snapshot on the wire. O(n): once per snapshot, not per event. */
export function liveStateToJson(state: LiveState): LiveStateJson {
  return {
    seq: state.seq,
    alarms: state.alarms.toObject(),
    sites: state.sites,
    guards: state.guards.toObject(),
    monitors: state.monitors,
    presets: state.presets,
    incidents: state.incidents.toObject(),
    dispatches: state.dispatches.toObject(),
    tours: state.tours.toObject(),
    hazards: state.hazards.toObject(),
  };
}

/** Resolved alarms' ids, oldest resolution first (the order events resolve them in). */
function resolvedOrderOf(alarms: Keyed<Alarm>): List<string> {
  const resolved = [...alarms.values()].filter((alarm) => alarm.state === 'resolved');
  resolved.sort((a, b) => (a.resolvedAt ?? '').localeCompare(b.resolvedAt ?? ''));
  return List(resolved.map((alarm) => alarm.id));
}

/**
 * A snapshot from the wire (or a test's plain records) as a LiveState. `resolvedOrder`, when
 * known (a replay checkpoint keeps it), is the order the resolutions happened in; without it the
 * order is rebuilt by `resolvedAt`, which cannot tell apart alarms resolved in the same instant.
 */
export function liveStateFromJson(json: LiveStateJson, resolvedOrder?: readonly string[]): LiveState {
  const alarms = ImmutableMap(json.alarms);
  return {
    seq: json.seq,
    alarms,
    sites: json.sites,
    guards: ImmutableMap(json.guards),
    monitors: json.monitors,
    presets: json.presets,
    incidents: ImmutableMap(json.incidents),
    dispatches: ImmutableMap(json.dispatches),
    tours: ImmutableMap(json.tours ?? {}),
    hazards: ImmutableMap(json.hazards ?? {}),
    resolvedOrder: resolvedOrder ? List(resolvedOrder.filter((id) => alarms.get(id)?.state === 'resolved')) : resolvedOrderOf(alarms),
  };
}

/** Ended tours and verified hazards kept in a state (every running tour and open hazard is kept). */
export const TOURS_KEPT = 60;
export const HAZARDS_KEPT = 50;

/**
 * A tour added: the ended tours beyond TOURS_KEPT go (by end time), so the state does not grow
 * with every night's patrols. Runs once per scheduled tour, over the tours the state holds.
 */
function withTour(state: LiveState, tour: PatrolTour, at: string): LiveState {
  let tours = state.tours.set(tour.id, tour);
  const now = new Date(at);
  const ended = [...tours.values()].filter((t) => tourStatus(t, now) === 'done').sort((a, b) => tourEndsAt(b).localeCompare(tourEndsAt(a)));
  if (ended.length > TOURS_KEPT) tours = tours.deleteAll(ended.slice(TOURS_KEPT).map((t) => t.id));
  return { ...state, tours };
}

function updateTourCheckpoint(state: LiveState, tourId: string, index: number, patch: (checkpoint: TourCheckpoint) => TourCheckpoint): LiveState {
  const tour = state.tours.get(tourId);
  const checkpoint = tour?.checkpoints[index];
  if (!tour || !checkpoint) return state;
  const checkpoints = tour.checkpoints.slice();
  checkpoints[index] = patch(checkpoint);
  return { ...state, tours: state.tours.set(tourId, { ...tour, checkpoints }) };
}

function updateHazard(state: LiveState, hazardId: string, patch: (hazard: Hazard) => Hazard): LiveState {
  const hazard = state.hazards.get(hazardId);
  if (!hazard) return state;
  return { ...state, hazards: state.hazards.set(hazardId, patch(hazard)) };
}

/** A hazard verified: the verified ones beyond HAZARDS_KEPT go. */
function pruneVerified(state: LiveState): LiveState {
  const verified = [...state.hazards.values()].filter((h) => !isOpenHazard(h)).sort((a, b) => (b.verifiedAt ?? '').localeCompare(a.verifiedAt ?? ''));
  if (verified.length <= HAZARDS_KEPT) return state;
  return { ...state, hazards: state.hazards.deleteAll(verified.slice(HAZARDS_KEPT).map((h) => h.id)) };
}

type Handler<T extends EventType> = (state: LiveState, event: EventOf<T>) => LiveState;

function updateAlarm(state: LiveState, alarmId: string, patch: (alarm: Alarm) => Alarm): LiveState {
  const alarm = state.alarms.get(alarmId);
  if (!alarm) return state;
  return { ...state, alarms: state.alarms.set(alarmId, patch(alarm)) };
}

function updateSite(state: LiveState, siteId: string, patch: (site: Site) => Site): LiveState {
  const site = state.sites[siteId];
  if (!site) return state;
  return { ...state, sites: { ...state.sites, [siteId]: patch(site) } };
}

function upsert<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const index = items.findIndex((existing) => existing.id === item.id);
  if (index < 0) return [...items, item];
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

function updateGuard(state: LiveState, guardId: string, patch: (guard: GuardLive) => GuardLive): LiveState {
  const guard = state.guards.get(guardId);
  if (!guard) return state;
  return { ...state, guards: state.guards.set(guardId, patch(guard)) };
}

function updateMonitor(state: LiveState, monitorId: string, patch: (monitor: Monitor) => Monitor): LiveState {
  const monitor = state.monitors[monitorId];
  if (!monitor) return state;
  return { ...state, monitors: { ...state.monitors, [monitorId]: patch(monitor) } };
}

function updateIncident(state: LiveState, incidentId: string, patch: (incident: Incident) => Incident): LiveState {
  const incident = state.incidents.get(incidentId);
  if (!incident) return state;
  return { ...state, incidents: state.incidents.set(incidentId, patch(incident)) };
}

function updateRun(state: LiveState, incidentId: string, patch: (run: PlanRun) => PlanRun): LiveState {
  return updateIncident(state, incidentId, (incident) => (incident.plan ? { ...incident, plan: patch(incident.plan) } : incident));
}

/** Every running plan of the state's open incidents (a drill's stream holds only its own). */
function updateRuns(state: LiveState, patch: (run: PlanRun) => PlanRun): LiveState {
  let incidents = state.incidents;
  for (const incident of state.incidents.values()) {
    if (incident.plan && incident.state !== 'closed') incidents = incidents.set(incident.id, { ...incident, plan: patch(incident.plan) });
  }
  return incidents === state.incidents ? state : { ...state, incidents };
}

function updateStep(state: LiveState, incidentId: string, stepId: string, patch: (step: StepState) => StepState): LiveState {
  return updateRun(state, incidentId, (run) => {
    const step = run.states[stepId];
    return step ? { ...run, states: { ...run.states, [stepId]: patch(step) } } : run;
  });
}

function updateDispatch(state: LiveState, dispatchId: string, patch: (dispatch: Dispatch) => Dispatch): LiveState {
  const dispatch = state.dispatches.get(dispatchId);
  if (!dispatch) return state;
  return { ...state, dispatches: state.dispatches.set(dispatchId, patch(dispatch)) };
}

function linkAlarms(state: LiveState, alarmIds: readonly string[], incidentId: string): LiveState {
  return alarmIds.reduce((next, alarmId) => updateAlarm(next, alarmId, (alarm) => ({ ...alarm, incidentId })), state);
}

/** Notes an alarm's resolution in `resolvedOrder` (once: a repeated resolve moves nothing). */
function withResolved(state: LiveState, alarmId: string, raised = false): LiveState {
  const alarm = state.alarms.get(alarmId);
  if (raised ? alarm?.state === 'resolved' : !alarm || alarm.state === 'resolved') return state;
  return { ...state, resolvedOrder: state.resolvedOrder.push(alarmId) };
}

/** The timeline entry an event writes (autoEntryOf), appended to its incident. */
function withAutoEntry(state: LiveState, event: DomainEvent): LiveState {
  const made = autoEntryOf(event);
  if (!made) return state;
  return updateIncident(state, made.incidentId, (incident) => ({ ...incident, timeline: [...incident.timeline, made.entry].slice(-TIMELINE_KEPT) }));
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

const withZone = (zones: Zone[], zone: Zone) => upsert(zones, zone);
const withDevice = (devices: Device[], device: Device) => upsert(devices, device);

/** One small function per event type; the mapped type fails the build when one is missing. */
const handlers: { [T in EventType]: Handler<T> } = {
  'alarm.raised': (state, { payload }) => {
    // An alarm can arrive already resolved (an integration's closed event): it joins the resolved tail.
    const next = payload.alarm.state === 'resolved' ? withResolved(state, payload.alarm.id, true) : state;
    return {
      ...next,
      // Alarms raised before texts had codes carry no `text`.
      alarms: state.alarms.set(payload.alarm.id, {
        ...payload.alarm,
        text: payload.alarm.text ?? null,
        incidentId: payload.alarm.incidentId ?? null,
        escalatedAt: payload.alarm.escalatedAt ?? null,
      }),
    };
  },
  'alarm.repeated': (state, { payload }) =>
    updateAlarm(state, payload.alarmId, (alarm) => ({
      ...alarm,
      count: payload.count,
      lastAt: payload.lastAt,
      priority: payload.priority,
      message: payload.message,
      text: payload.text === undefined ? alarm.text : payload.text,
    })),
  'alarm.acknowledged': (state, { payload, at }) =>
    updateAlarm(state, payload.alarmId, (alarm) => ({
      ...alarm,
      state: 'acknowledged',
      owner: payload.owner,
      acknowledgedAt: at,
    })),
  'alarm.held': (state, { payload, at }) =>
    updateAlarm(state, payload.alarmId, (alarm) => ({
      ...alarm,
      state: 'on_hold',
      heldAt: at,
      note: payload.note ?? alarm.note,
    })),
  'alarm.resumed': (state, { payload }) =>
    updateAlarm(state, payload.alarmId, (alarm) => ({ ...alarm, state: 'acknowledged', heldAt: null })),
  'alarm.resolved': (state, { payload, at }) =>
    updateAlarm(withResolved(state, payload.alarmId), payload.alarmId, (alarm) => ({
      ...alarm,
      state: 'resolved',
      disposition: payload.disposition,
      note: payload.note,
      resolvedAt: at,
      resolvedBy: payload.resolvedBy,
    })),
  'site.saved': (state, { payload }) => ({ ...state, sites: { ...state.sites, [payload.site.id]: payload.site } }),
  'site.zoneSaved': (state, { payload }) =>
    updateSite(state, payload.zone.siteId, (site) => ({ ...site, zones: withZone(site.zones, payload.zone) })),
  'site.zoneRemoved': (state, { payload, siteId }) =>
    updateSite(state, siteId, (site) => ({ ...site, zones: site.zones.filter((zone) => zone.id !== payload.zoneId) })),
  'site.deviceSaved': (state, { payload }) =>
    updateSite(state, payload.device.siteId, (site) => ({ ...site, devices: withDevice(site.devices, payload.device) })),
  'site.deviceRemoved': (state, { payload, siteId }) =>
    updateSite(state, siteId, (site) => ({ ...site, devices: site.devices.filter((device) => device.id !== payload.deviceId) })),
  'device.statusChanged': (state, { payload, siteId }) =>
    updateSite(state, siteId, (site) => ({
      ...site,
      devices: site.devices.map((device) => (device.id === payload.deviceId ? { ...device, status: payload.status } : device)),
    })),
  'guard.saved': (state, { payload }) => ({ ...state, guards: state.guards.set(payload.guard.id, payload.guard) }),
  'guard.statusChanged': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) => ({ ...guard, status: payload.status })),
  'guard.zoneEntered': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) =>
      guard.zoneIds.includes(payload.zoneId) ? guard : { ...guard, zoneIds: [...guard.zoneIds, payload.zoneId] },
    ),
  'guard.zoneExited': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) => ({ ...guard, zoneIds: guard.zoneIds.filter((id) => id !== payload.zoneId) })),
  'guard.removed': (state, { payload }) => (state.guards.has(payload.guardId) ? { ...state, guards: state.guards.remove(payload.guardId) } : state),
  'wall.monitorSaved': (state, { payload }) => ({ ...state, monitors: { ...state.monitors, [payload.monitor.id]: payload.monitor } }),
  'wall.monitorRemoved': (state, { payload }) => ({ ...state, monitors: without(state.monitors, payload.monitorId) }),
  'wall.viewSet': (state, { payload }) => updateMonitor(state, payload.monitorId, (monitor) => ({ ...monitor, view: payload.view })),
  'wall.tileAssigned': (state, { payload }) =>
    updateMonitor(state, payload.monitorId, (monitor) => ({ ...monitor, view: withTile(monitor.view, payload.index, payload.content) })),
  'wall.presetSaved': (state, { payload }) => ({ ...state, presets: { ...state.presets, [payload.preset.id]: payload.preset } }),
  'wall.presetRemoved': (state, { payload }) => ({ ...state, presets: without(state.presets, payload.presetId) }),
  'wall.takeoverReleased': (state, { payload }) =>
    updateMonitor(state, payload.monitorId, (monitor) =>
      monitor.releasedAlarmIds.includes(payload.alarmId) ? monitor : { ...monitor, releasedAlarmIds: withReleased(monitor.releasedAlarmIds, payload.alarmId) },
    ),
  // The audit stream: nothing a screen shows.
  'auth.lockedOut': (state) => state,
  'auth.loggedIn': (state) => state,
  'auth.loginFailed': (state) => state,
  'auth.loggedOut': (state) => state,
  'admin.changed': (state) => state,
  'data.exported': (state) => state,
  // Handovers are records, read over HTTP (GET /api/v1/handovers); no screen state folds them.
  'handover.opened': (state) => state,
  'handover.acknowledged': (state) => state,
  'alarm.escalated': (state, { payload, at }) => updateAlarm(state, payload.alarmId, (alarm) => ({ ...alarm, escalatedAt: at })),
  'incident.opened': (state, { payload }) =>
    linkAlarms({ ...state, incidents: state.incidents.set(payload.incident.id, payload.incident) }, payload.incident.alarmIds, payload.incident.id),
  'incident.alarmAttached': (state, { payload }) =>
    linkAlarms(
      updateIncident(state, payload.incidentId, (incident) =>
        incident.alarmIds.includes(payload.alarmId) ? incident : { ...incident, alarmIds: [...incident.alarmIds, payload.alarmId] },
      ),
      [payload.alarmId],
      payload.incidentId,
    ),
  'incident.stateChanged': (state, { payload, at }) =>
    updateIncident(state, payload.incidentId, (incident) => ({
      ...incident,
      state: payload.state,
      resolvedAt: payload.state === 'resolved' ? at : payload.state === 'closed' ? incident.resolvedAt ?? at : null,
      closedAt: payload.state === 'closed' ? at : null,
      summary: payload.state === 'closed' ? payload.summary : incident.summary,
    })),
  'incident.ownerChanged': (state, { payload }) => updateIncident(state, payload.incidentId, (incident) => ({ ...incident, owner: payload.owner })),
  'incident.levelRaised': (state, { payload }) => updateIncident(state, payload.incidentId, (incident) => ({ ...incident, level: payload.level })),
  'incident.entryAdded': (state, { payload }) =>
    updateIncident(state, payload.incidentId, (incident) => ({ ...incident, timeline: [...incident.timeline, payload.entry].slice(-TIMELINE_KEPT) })),
  'incident.entryStricken': (state, { payload, at }) =>
    updateIncident(state, payload.incidentId, (incident) => ({
      ...incident,
      timeline: incident.timeline.map((entry) =>
        entry.id === payload.entryId && !entry.stricken ? { ...entry, stricken: { at, by: payload.by, reason: payload.reason } } : entry,
      ),
    })),
  'plan.started': (state, { payload }) =>
    updateIncident(state, payload.incidentId, (incident) => ({ ...incident, plan: payload.run, state: incident.state === 'new' ? 'in_progress' : incident.state })),
  'plan.stepCompleted': (state, { payload, at }) =>
    updateStep(state, payload.incidentId, payload.stepId, (step) => ({
      ...step,
      status: 'done',
      answer: payload.answer,
      by: payload.by,
      at,
      note: payload.note,
      call: payload.call,
    })),
  'plan.stepSkipped': (state, { payload, at }) =>
    updateStep(state, payload.incidentId, payload.stepId, (step) => ({ ...step, status: 'skipped', by: payload.by, at, reason: payload.reason })),
  'plan.stepWarned': (state, { payload, at }) => updateStep(state, payload.incidentId, payload.stepId, (step) => ({ ...step, warnedAt: at })),
  'plan.stepOverdue': (state, { payload, at }) => updateStep(state, payload.incidentId, payload.stepId, (step) => ({ ...step, overdueAt: at })),
  'dispatch.sent': (state, { payload }) => ({
    ...state,
    // The server has the incident already (the same copy); a guard's phone gets it from here.
    incidents: state.incidents.has(payload.incident.id) ? state.incidents : state.incidents.set(payload.incident.id, payload.incident),
    dispatches: state.dispatches.set(payload.dispatch.id, payload.dispatch),
  }),
  'dispatch.accepted': (state, { payload, at }) =>
    updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, state: 'accepted', acceptedAt: at })),
  'dispatch.declined': (state, { payload, at }) =>
    updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, state: 'declined', declinedAt: at, declineReason: payload.reason })),
  'dispatch.enRoute': (state, { payload, at }) =>
    updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, state: 'en_route', enRouteAt: at, acceptedAt: dispatch.acceptedAt ?? at })),
  'dispatch.arrived': (state, { payload, at }) =>
    updateDispatch(state, payload.dispatchId, (dispatch) => ({
      ...dispatch,
      state: 'on_scene',
      onSceneAt: at,
      arrival: payload.arrival,
      acceptedAt: dispatch.acceptedAt ?? at,
    })),
  'dispatch.cleared': (state, { payload, at }) => updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, state: 'cleared', clearedAt: at })),
  'dispatch.cancelled': (state, { payload, at }) =>
    updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, state: 'cancelled', cancelledAt: at })),
  'dispatch.unanswered': (state, { payload, at }) => updateDispatch(state, payload.dispatchId, (dispatch) => ({ ...dispatch, unansweredAt: at })),
  // A drill's own run (its state, injects, evaluation) is the drill_runs row and these events; the
  // operational state they bring (alarms, device states) comes as events of their own.
  'drill.started': (state) => state,
  // A drill's plans run on its clock: it stands while paused (stepTiming reads the pauses).
  'drill.paused': (state, { at }) => updateRuns(state, (run) => ({ ...run, pausedAt: at })),
  'drill.resumed': (state, { payload }) =>
    updateRuns(state, (run) =>
      run.pausedAt ? { ...run, pausedAt: null, pauses: [...(run.pauses ?? []), { from: run.pausedAt, sec: payload.pausedSec }] } : run,
    ),
  'drill.ended': (state) => state,
  'drill.injected': (state) => state,
  'drill.commented': (state) => state,
  // Routes are reference data read by the admin screens; each tour carries its copy.
  'patrol.routeSaved': (state) => state,
  'patrol.routeRemoved': (state) => state,
  'patrol.toursCancelled': (state, { payload }) => ({ ...state, tours: state.tours.deleteAll(payload.tours.map((tour) => tour.id)) }),
  'patrol.tourScheduled': (state, { payload, at }) => withTour(state, payload.tour, at),
  'patrol.checkedIn': (state, { payload }) =>
    updateTourCheckpoint(state, payload.tourId, payload.index, (checkpoint) => ({
      ...checkpoint,
      checkedAt: payload.scannedAt,
      method: payload.method,
      flagged: payload.flagged,
      late: payload.late,
    })),
  'patrol.checkpointMissed': (state, { payload, at }) =>
    updateTourCheckpoint(state, payload.tourId, payload.index, (checkpoint) => ({ ...checkpoint, missedAt: at })),
  'hazard.reported': (state, { payload }) => ({ ...state, hazards: state.hazards.set(payload.hazard.id, payload.hazard) }),
  'hazard.photoAdded': (state, { payload }) =>
    updateHazard(state, payload.hazardId, (hazard) => (hazard.photoIds.includes(payload.photoId) ? hazard : { ...hazard, photoIds: [...hazard.photoIds, payload.photoId] })),
  'hazard.assigned': (state, { payload, at }) =>
    updateHazard(
      // The server has the hazard already; the phone of a guard given one they did not report gets it here.
      state.hazards.has(payload.hazardId) || !payload.hazard ? state : { ...state, hazards: state.hazards.set(payload.hazardId, payload.hazard) },
      payload.hazardId,
      (hazard) => ({ ...hazard, state: 'assigned', assignee: payload.assignee, assignedAt: at }),
    ),
  'hazard.rectified': (state, { payload, at }) =>
    updateHazard(state, payload.hazardId, (hazard) => ({ ...hazard, state: 'rectified', rectifiedAt: at, rectifyNote: payload.note })),
  'hazard.verified': (state, { payload, at }) =>
    pruneVerified(updateHazard(state, payload.hazardId, (hazard) => ({ ...hazard, state: 'verified', verifiedAt: at, verifiedBy: payload.by }))),
};

/**
 * The one reducer for live, replay and drill. Events at or below the state's seq are
 * ignored, so a delivery that repeats an event changes nothing.
 */
export function applyEvent(state: LiveState, event: DomainEvent): LiveState {
  if (event.seq <= state.seq) return state;
  const handler = handlers[event.type] as Handler<typeof event.type>;
  return { ...withAutoEntry(handler(state, event), event), seq: event.seq };
}

export function applyEvents(state: LiveState, events: readonly DomainEvent[]): LiveState {
  return events.reduce(applyEvent, state);
}

/**
 * Keep every open incident and the `keep` most recently closed ones, with their dispatches.
 * Runs when an incident closes (not per event); the incidents it scans are bounded by it.
 */
export function pruneClosedIncidents(state: LiveState, keep: number): LiveState {
  const closed = [...state.incidents.values()]
    .filter((incident) => !isOpenIncident(incident) && incident.state === 'closed')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  if (closed.length <= keep) return state;
  const gone = new Set(closed.slice(keep).map((incident) => incident.id));
  return {
    ...state,
    incidents: state.incidents.deleteAll(gone),
    dispatches: state.dispatches.filter((dispatch) => !gone.has(dispatch.incidentId)),
  };
}

/**
 * Keep every open alarm and only the `keep` most recently resolved ones. Called after every
 * event on the client: it costs O(1) amortized (the oldest resolved come off `resolvedOrder`).
 */
export function pruneResolved(state: LiveState, keep: number): LiveState {
  if (state.resolvedOrder.size <= keep) return state;
  const dropped = state.resolvedOrder.size - keep;
  // Only still-resolved alarms go; an id listed is resolved unless the state was built by hand.
  const gone = state.resolvedOrder.slice(0, dropped).filter((id) => state.alarms.get(id)?.state === 'resolved');
  return { ...state, alarms: state.alarms.deleteAll(gone), resolvedOrder: state.resolvedOrder.slice(dropped) };
}
