import type { DomainEvent } from './events.js';
import type { Person, TimelineEntry } from './incident.js';
import type { TextParams } from './texts.js';

/**
 * The automatic timeline entry an event writes into its incident, if any. One function for
 * the reducer (every screen) and the server (the `incident_entries` table), so the two agree;
 * the entry's id is the event's seq, so replaying the log rebuilds the same timeline.
 */
export function autoEntryOf(event: DomainEvent): { incidentId: string; entry: TimelineEntry } | null {
  const made = describe(event);
  if (!made) return null;
  const by: Person | null = event.actor.kind === 'user' ? { id: event.actor.id, name: event.actor.name } : null;
  return {
    incidentId: made.incidentId,
    entry: { id: `auto-${event.seq}`, at: event.at, kind: 'auto', by, code: made.code, params: made.params, text: null, call: null, photoId: null, stricken: null },
  };
}

interface Described {
  incidentId: string;
  code: string;
  params: TextParams;
}

function describe(event: DomainEvent): Described | null {
  switch (event.type) {
    case 'incident.opened':
      return { incidentId: event.payload.incident.id, code: 'incidentOpened', params: { alarms: event.payload.incident.alarmIds.length } };
    case 'incident.alarmAttached':
      return { incidentId: event.payload.incidentId, code: 'alarmAttached', params: { alarmId: event.payload.alarmId } };
    case 'incident.stateChanged':
      return { incidentId: event.payload.incidentId, code: 'stateChanged', params: { state: event.payload.state, previous: event.payload.previous } };
    case 'incident.ownerChanged':
      return { incidentId: event.payload.incidentId, code: 'ownerChanged', params: { owner: event.payload.owner.name } };
    case 'incident.levelRaised':
      return { incidentId: event.payload.incidentId, code: 'levelRaised', params: { level: event.payload.level, previous: event.payload.previous } };
    case 'plan.started':
      return { incidentId: event.payload.incidentId, code: 'planStarted', params: { planId: event.payload.run.planId, version: event.payload.run.version } };
    case 'plan.stepCompleted':
      return { incidentId: event.payload.incidentId, code: 'stepDone', params: { stepId: event.payload.stepId, answer: event.payload.answer } };
    case 'plan.stepSkipped':
      return { incidentId: event.payload.incidentId, code: 'stepSkipped', params: { stepId: event.payload.stepId, reason: event.payload.reason } };
    case 'plan.stepWarned':
      return { incidentId: event.payload.incidentId, code: 'stepWarned', params: { stepId: event.payload.stepId } };
    case 'plan.stepOverdue':
      return { incidentId: event.payload.incidentId, code: 'stepOverdue', params: { stepId: event.payload.stepId } };
    case 'dispatch.sent':
      return { incidentId: event.payload.dispatch.incidentId, code: 'dispatchSent', params: { guardId: event.payload.dispatch.guardId } };
    case 'dispatch.accepted':
      return { incidentId: event.payload.incidentId, code: 'dispatchAccepted', params: { guardId: event.payload.guardId } };
    case 'dispatch.declined':
      return { incidentId: event.payload.incidentId, code: 'dispatchDeclined', params: { guardId: event.payload.guardId, reason: event.payload.reason } };
    case 'dispatch.enRoute':
      return { incidentId: event.payload.incidentId, code: 'dispatchEnRoute', params: { guardId: event.payload.guardId } };
    case 'dispatch.arrived':
      return { incidentId: event.payload.incidentId, code: 'dispatchArrived', params: { guardId: event.payload.guardId, arrival: event.payload.arrival } };
    case 'dispatch.cleared':
      return { incidentId: event.payload.incidentId, code: 'dispatchCleared', params: { guardId: event.payload.guardId } };
    case 'dispatch.cancelled':
      return { incidentId: event.payload.incidentId, code: 'dispatchCancelled', params: { guardId: event.payload.guardId } };
    case 'dispatch.unanswered':
      return { incidentId: event.payload.incidentId, code: 'dispatchUnanswered', params: { guardId: event.payload.guardId } };
    // People's entries carry their own; the rest are not an incident's.
    case 'incident.entryAdded':
    case 'incident.entryStricken':
    case 'alarm.raised':
    case 'alarm.repeated':
    case 'alarm.acknowledged':
    case 'alarm.held':
    case 'alarm.resumed':
    case 'alarm.resolved':
    case 'alarm.escalated':
    case 'site.saved':
    case 'site.zoneSaved':
    case 'site.zoneRemoved':
    case 'site.deviceSaved':
    case 'site.deviceRemoved':
    case 'device.statusChanged':
    case 'guard.saved':
    case 'guard.statusChanged':
    case 'guard.zoneEntered':
    case 'guard.zoneExited':
    case 'guard.removed':
    case 'wall.monitorSaved':
    case 'wall.monitorRemoved':
    case 'wall.viewSet':
    case 'wall.tileAssigned':
    case 'wall.presetSaved':
    case 'wall.presetRemoved':
    case 'wall.takeoverReleased':
    case 'auth.lockedOut':
    case 'auth.loggedIn':
    case 'auth.loginFailed':
    case 'auth.loggedOut':
    case 'admin.changed':
    case 'data.exported':
    case 'handover.opened':
    case 'handover.acknowledged':
    case 'drill.started':
    case 'drill.paused':
    case 'drill.resumed':
    case 'drill.ended':
    case 'drill.injected':
    case 'drill.commented':
    case 'patrol.routeSaved':
    case 'patrol.routeRemoved':
    case 'patrol.toursCancelled':
    case 'patrol.tourScheduled':
    case 'patrol.checkedIn':
    case 'patrol.checkpointMissed':
    case 'hazard.reported':
    case 'hazard.photoAdded':
    case 'hazard.assigned':
    case 'hazard.rectified':
    case 'hazard.verified':
      return null;
  }
}

/** Timeline entries kept per incident in live state; the full timeline stays in the log and the report. */
export const TIMELINE_KEPT = 500;
