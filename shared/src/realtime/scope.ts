import type { DomainEvent } from '../domain/events.js';
import type { GuardLive } from '../domain/guard.js';
import type { Keyed, LiveState } from '../domain/reducer.js';
import type { Alarm, Role } from '../domain/types.js';
import type { Hazard, PatrolTour } from '../domain/patrol.js';
import { can } from '../domain/roles.js';

/**
 * Who is looking: what each socket may receive follows from this alone. `siteIds` null means
 * every site. A guard sees only what the phone shows: their own roster entry, their own SOS
 * alarms and the site they are on (for the map and its floors) — not other guards, not other
 * alarms, not the wall.
 */
export interface Viewer {
  userId: string;
  role: Role;
  siteIds: readonly string[] | null;
}

/** The source a guard's own alarms carry (SOS, silent, restricted entry). */
const GUARD_SOURCE_PREFIX = 'guard:';
export const guardAlarmSource = (guardId: string) => `${GUARD_SOURCE_PREFIX}${guardId}`;

function ownGuards(viewer: Viewer, state: LiveState): GuardLive[] {
  return [...state.guards.values()].filter((guard) => guard.userId === viewer.userId);
}

function isOwnSos(alarm: Alarm, guardIds: ReadonlySet<string>): boolean {
  if (alarm.kind !== 'sos') return false;
  for (const guardId of guardIds) if (alarm.source.externalId === guardAlarmSource(guardId)) return true;
  return false;
}

/** Whether this viewer may see what belongs to this site (`siteIds` null: every site). */
export function siteAllowed(viewer: Viewer, siteId: string): boolean {
  return viewer.siteIds === null || viewer.siteIds.includes(siteId);
}

function pickKeyed<T>(items: Keyed<T>, keep: (item: T) => boolean): Keyed<T> {
  return items.filter((item) => keep(item));
}

function pick<T>(record: Record<string, T>, keep: (item: T) => boolean): Record<string, T> {
  const kept: Record<string, T> = {};
  for (const [id, item] of Object.entries(record)) if (keep(item)) kept[id] = item;
  return kept;
}

/** A guard's view of the state: the guard's own entries, sites and SOS alarms. */
function guardScope(viewer: Viewer, state: LiveState): { guardIds: Set<string>; siteIds: Set<string> } {
  const guards = ownGuards(viewer, state);
  return { guardIds: new Set(guards.map((guard) => guard.id)), siteIds: new Set(guards.map((guard) => guard.siteId)) };
}

/**
 * Viewers with one key get the same scopeState: a guard sees their own share, any other role
 * what its sites allow. A snapshot is serialized once per (seq, key) and shared by them.
 */
export function scopeKey(viewer: Viewer): string {
  if (viewer.role === 'guard') return `guard:${viewer.userId}`;
  if (viewer.siteIds === null) return 'all';
  return `sites:${[...new Set(viewer.siteIds)].sort().join(',')}`;
}

/**
 * The part of the live state this viewer may hold. The seq stays the stream's, so a viewer's
 * lastSeq keeps meaning "everything up to here that I may see".
 */
export function scopeState(viewer: Viewer, state: LiveState): LiveState {
  if (viewer.role === 'guard') {
    const { guardIds, siteIds } = guardScope(viewer, state);
    return {
      seq: state.seq,
      alarms: pickKeyed(state.alarms, (alarm) => isOwnSos(alarm, guardIds)),
      sites: pick(state.sites, (site) => siteIds.has(site.id)),
      guards: pickKeyed(state.guards, (guard) => guardIds.has(guard.id)),
      monitors: {},
      presets: {},
      ...guardIncidents(state, guardIds),
      tours: pickKeyed(state.tours, (tour) => isOwnTour(tour, guardIds, siteIds)),
      hazards: pickKeyed(state.hazards, (hazard) => isOwnHazard(hazard, viewer.userId)),
      resolvedOrder: state.resolvedOrder,
    };
  }
  if (viewer.siteIds === null) return state;
  return {
    seq: state.seq,
    alarms: pickKeyed(state.alarms, (alarm) => siteAllowed(viewer, alarm.siteId)),
    sites: pick(state.sites, (site) => siteAllowed(viewer, site.id)),
    guards: pickKeyed(state.guards, (guard) => siteAllowed(viewer, guard.siteId)),
    monitors: pick(state.monitors, (monitor) => siteAllowed(viewer, monitor.siteId)),
    presets: pick(state.presets, (preset) => siteAllowed(viewer, preset.siteId)),
    incidents: pickKeyed(state.incidents, (incident) => siteAllowed(viewer, incident.siteId)),
    dispatches: pickKeyed(state.dispatches, (dispatch) => siteAllowed(viewer, dispatch.siteId)),
    tours: pickKeyed(state.tours, (tour) => siteAllowed(viewer, tour.siteId)),
    hazards: pickKeyed(state.hazards, (hazard) => siteAllowed(viewer, hazard.siteId)),
    // Ids of alarms not in scope are skipped by pruneResolved (it drops only alarms it holds).
    resolvedOrder: state.resolvedOrder,
  };
}

/** The sites of `scopeState(viewer, state).sites`, without cutting the rest of the state. */
export function visibleSiteIds(viewer: Viewer, state: LiveState): string[] {
  const siteIds = viewer.role === 'guard' ? guardScope(viewer, state).siteIds : null;
  return Object.keys(state.sites).filter((siteId) => (siteIds ? siteIds.has(siteId) : siteAllowed(viewer, siteId)));
}

/** A guard's phone holds the guard's own dispatches and the incidents they were sent to. */
function guardIncidents(state: LiveState, guardIds: ReadonlySet<string>): Pick<LiveState, 'incidents' | 'dispatches'> {
  const dispatches = pickKeyed(state.dispatches, (dispatch) => guardIds.has(dispatch.guardId));
  const incidentIds = new Set([...dispatches.values()].map((dispatch) => dispatch.incidentId));
  return { dispatches, incidents: pickKeyed(state.incidents, (incident) => incidentIds.has(incident.id)) };
}

/** A guard's own tours: assigned to them, or to a post (no guard named) on their site. */
function isOwnTour(tour: Pick<PatrolTour, 'guardId' | 'siteId'>, guardIds: ReadonlySet<string>, siteIds: ReadonlySet<string>): boolean {
  return tour.guardId ? guardIds.has(tour.guardId) : siteIds.has(tour.siteId);
}

/** A guard's phone holds the hazards they reported or were given to rectify. */
const isOwnHazard = (hazard: Hazard, userId: string): boolean => hazard.reportedBy.id === userId || hazard.assignee?.id === userId;

function hazardVisible(state: LiveState, hazardId: string, userId: string): boolean {
  const hazard = state.hazards.get(hazardId);
  return hazard !== undefined && isOwnHazard(hazard, userId);
}

/** The guards sent to this incident (any dispatch, answered or not). */
function guardsSentTo(state: LiveState, incidentId: string): string[] {
  const guards: string[] = [];
  for (const dispatch of state.dispatches.values()) if (dispatch.incidentId === incidentId) guards.push(dispatch.guardId);
  return guards;
}

/** The incident an incident or plan event is about (all but `incident.opened` name it). */
function incidentOf(event: DomainEvent): string | null {
  if (event.type === 'incident.opened') return event.payload.incident.id;
  return 'incidentId' in event.payload && typeof event.payload.incidentId === 'string' ? event.payload.incidentId : null;
}

/**
 * A drill's note inject is the facilitator's script ("tell the team the lift is stuck"): only
 * those who may run drills receive it, as only they read it in the run (GET /drills/:runId).
 */
export function forFacilitators(event: DomainEvent): boolean {
  return event.type === 'drill.injected' && event.payload.inject.kind === 'note';
}

/**
 * Whether this viewer receives this event. `state` is the live state with the event applied
 * (what it refers to — an alarm by id, a guard by id — is in it). The same function filters
 * the live deltas and a reconnect's catch-up from the log, so the two never disagree.
 */
export function visibleTo(viewer: Viewer, event: DomainEvent, state: LiveState): boolean {
  if (forFacilitators(event) && !can(viewer.role, 'drills.run')) return false;
  if (viewer.role !== 'guard') return siteAllowed(viewer, event.siteId);
  const { guardIds, siteIds } = guardScope(viewer, state);
  switch (event.type) {
    case 'alarm.raised':
      return isOwnSos(event.payload.alarm, guardIds);
    case 'alarm.repeated':
    case 'alarm.acknowledged':
    case 'alarm.held':
    case 'alarm.resumed':
    case 'alarm.resolved':
    case 'alarm.escalated': {
      const alarm = state.alarms.get(event.payload.alarmId);
      return alarm !== undefined && isOwnSos(alarm, guardIds);
    }
    case 'incident.opened':
    case 'incident.alarmAttached':
    case 'incident.stateChanged':
    case 'incident.ownerChanged':
    case 'incident.levelRaised':
    case 'incident.entryAdded':
    case 'incident.entryStricken':
    case 'plan.started':
    case 'plan.stepCompleted':
    case 'plan.stepSkipped':
    case 'plan.stepWarned':
    case 'plan.stepOverdue': {
      const incidentId = incidentOf(event);
      return incidentId !== null && guardsSentTo(state, incidentId).some((guardId) => guardIds.has(guardId));
    }
    case 'dispatch.sent':
      return guardIds.has(event.payload.dispatch.guardId);
    case 'dispatch.accepted':
    case 'dispatch.declined':
    case 'dispatch.enRoute':
    case 'dispatch.arrived':
    case 'dispatch.cleared':
    case 'dispatch.cancelled':
    case 'dispatch.unanswered':
      return guardIds.has(event.payload.guardId);
    case 'site.saved':
    case 'site.zoneSaved':
    case 'site.zoneRemoved':
    case 'site.deviceSaved':
    case 'site.deviceRemoved':
    case 'device.statusChanged':
    case 'drill.started':
    case 'drill.paused':
    case 'drill.resumed':
    case 'drill.ended':
      return siteIds.has(event.siteId);
    case 'guard.saved':
      return event.payload.guard.userId === viewer.userId;
    case 'guard.statusChanged':
    case 'guard.zoneEntered':
    case 'guard.zoneExited':
      return guardIds.has(event.payload.guardId);
    case 'wall.monitorSaved':
    case 'wall.monitorRemoved':
    case 'wall.viewSet':
    case 'wall.tileAssigned':
    case 'wall.presetSaved':
    case 'wall.presetRemoved':
    case 'wall.takeoverReleased':
    // A removed guard is gone from the state, and its login with it; audit events go to no screen.
    case 'guard.removed':
    case 'auth.lockedOut':
    case 'auth.loggedIn':
    case 'auth.loginFailed':
    case 'auth.loggedOut':
    case 'admin.changed':
    case 'data.exported':
    // Handovers are between duty officers, not for a guard's phone.
    case 'handover.opened':
    case 'handover.acknowledged':
    // The facilitator's record of injects (notes among them): not for a guard's phone.
    case 'drill.injected':
    // Comments are for the debrief on the screens, not the guards' phones.
    case 'drill.commented':
    // Routes are the admin's; a phone gets each tour with its copy of the route.
    case 'patrol.routeSaved':
    case 'patrol.routeRemoved':
      return false;
    case 'patrol.tourScheduled':
      return isOwnTour(event.payload.tour, guardIds, siteIds);
    case 'patrol.toursCancelled':
      return event.payload.tours.some((tour) => isOwnTour({ ...tour, siteId: event.siteId }, guardIds, siteIds));
    case 'patrol.checkedIn':
    case 'patrol.checkpointMissed': {
      const tour = state.tours.get(event.payload.tourId);
      return tour !== undefined && isOwnTour(tour, guardIds, siteIds);
    }
    case 'hazard.reported':
      return isOwnHazard(event.payload.hazard, viewer.userId);
    case 'hazard.assigned':
      // The guard it was taken from hears so too (their phone stops listing it as theirs).
      if (event.payload.previous?.id === viewer.userId) return true;
      return hazardVisible(state, event.payload.hazardId, viewer.userId);
    case 'hazard.photoAdded':
    case 'hazard.rectified':
    case 'hazard.verified':
      return hazardVisible(state, event.payload.hazardId, viewer.userId);
  }
}

/** The guard whose own alarm this is, from its source (`guard:<id>`), when it is an SOS. */
function sosGuardId(alarm: Alarm | undefined): string | null {
  const source = alarm?.kind === 'sos' ? alarm.source.externalId : undefined;
  return source?.startsWith(GUARD_SOURCE_PREFIX) ? source.slice(GUARD_SOURCE_PREFIX.length) : null;
}

/**
 * The guard logins (user ids) that receive this event, each on its own phone room: the same
 * answer as asking `visibleTo` for every guard login, without a pass over the roster per login.
 */
export function guardAudience(event: DomainEvent, state: LiveState): string[] {
  const userOf = (guardId: string | null) => (guardId ? state.guards.get(guardId)?.userId ?? null : null);
  const one = (userId: string | null | undefined) => (userId ? [userId] : []);
  switch (event.type) {
    case 'alarm.raised':
      return one(userOf(sosGuardId(event.payload.alarm)));
    case 'alarm.repeated':
    case 'alarm.acknowledged':
    case 'alarm.held':
    case 'alarm.resumed':
    case 'alarm.resolved':
    case 'alarm.escalated':
      return one(userOf(sosGuardId(state.alarms.get(event.payload.alarmId))));
    case 'incident.opened':
    case 'incident.alarmAttached':
    case 'incident.stateChanged':
    case 'incident.ownerChanged':
    case 'incident.levelRaised':
    case 'incident.entryAdded':
    case 'incident.entryStricken':
    case 'plan.started':
    case 'plan.stepCompleted':
    case 'plan.stepSkipped':
    case 'plan.stepWarned':
    case 'plan.stepOverdue': {
      const incidentId = incidentOf(event);
      const users = new Set<string>();
      for (const guardId of incidentId ? guardsSentTo(state, incidentId) : []) {
        const userId = userOf(guardId);
        if (userId) users.add(userId);
      }
      return [...users];
    }
    case 'dispatch.sent':
      return one(userOf(event.payload.dispatch.guardId));
    case 'dispatch.accepted':
    case 'dispatch.declined':
    case 'dispatch.enRoute':
    case 'dispatch.arrived':
    case 'dispatch.cleared':
    case 'dispatch.cancelled':
    case 'dispatch.unanswered':
      return one(userOf(event.payload.guardId));
    case 'site.saved':
    case 'site.zoneSaved':
    case 'site.zoneRemoved':
    case 'site.deviceSaved':
    case 'site.deviceRemoved':
    case 'device.statusChanged':
    case 'drill.started':
    case 'drill.paused':
    case 'drill.resumed':
    case 'drill.ended': {
      const users = new Set<string>();
      for (const guard of state.guards.values()) if (guard.siteId === event.siteId && guard.userId) users.add(guard.userId);
      return [...users];
    }
    case 'guard.saved':
      return one(event.payload.guard.userId);
    case 'guard.statusChanged':
    case 'guard.zoneEntered':
    case 'guard.zoneExited':
      return one(userOf(event.payload.guardId));
    case 'wall.monitorSaved':
    case 'wall.monitorRemoved':
    case 'wall.viewSet':
    case 'wall.tileAssigned':
    case 'wall.presetSaved':
    case 'wall.presetRemoved':
    case 'wall.takeoverReleased':
    case 'guard.removed':
    case 'auth.lockedOut':
    case 'auth.loggedIn':
    case 'auth.loginFailed':
    case 'auth.loggedOut':
    case 'admin.changed':
    case 'data.exported':
    case 'handover.opened':
    case 'handover.acknowledged':
    case 'drill.injected':
    // Comments are for the debrief on the screens, not the guards' phones.
    case 'drill.commented':
    case 'patrol.routeSaved':
    case 'patrol.routeRemoved':
      return [];
    case 'patrol.tourScheduled':
      return tourAudience(state, event.payload.tour);
    case 'patrol.toursCancelled':
      return [...new Set(event.payload.tours.flatMap((tour) => tourAudience(state, { ...tour, siteId: event.siteId })))];
    case 'patrol.checkedIn':
    case 'patrol.checkpointMissed': {
      const tour = state.tours.get(event.payload.tourId);
      return tour ? tourAudience(state, tour) : [];
    }
    case 'hazard.reported':
      return hazardAudience(event.payload.hazard);
    case 'hazard.assigned': {
      const hazard = state.hazards.get(event.payload.hazardId);
      const previous = event.payload.previous?.id;
      return [...new Set([...(hazard ? hazardAudience(hazard) : []), ...(previous ? [previous] : [])])];
    }
    case 'hazard.photoAdded':
    case 'hazard.rectified':
    case 'hazard.verified': {
      const hazard = state.hazards.get(event.payload.hazardId);
      return hazard ? hazardAudience(hazard) : [];
    }
  }
}

/** The guard logins a tour goes to: its guard's, or every guard's of its site for a post's tour. */
function tourAudience(state: LiveState, tour: Pick<PatrolTour, 'guardId' | 'siteId'>): string[] {
  const users = new Set<string>();
  for (const guard of state.guards.values()) {
    if (!guard.userId) continue;
    if (tour.guardId ? guard.id === tour.guardId : guard.siteId === tour.siteId) users.add(guard.userId);
  }
  return [...users];
}

/** The reporter and the assignee (user ids; a guard's phone filters to its own login). */
function hazardAudience(hazard: Hazard): string[] {
  return [...new Set([hazard.reportedBy.id, ...(hazard.assignee ? [hazard.assignee.id] : [])])];
}
