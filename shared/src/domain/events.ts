import type { Disposition } from './alarm.js';
import type { GuardLive, GuardStatus } from './guard.js';
import type { Actor, Alarm, Device, DeviceStatus, Site, Zone } from './types.js';
import type { AlarmText } from './texts.js';
import type { Monitor, TileContent, WallPreset, WallView } from './wall.js';
import type { Dispatch, Incident, IncidentState, Person, TimelineEntry } from './incident.js';
import type { CallRecord, IncidentLevel, PlanRun, StepAnswer } from './plan.js';
import type { DrillCommentedPayload, DrillEndedPayload, DrillInjectedPayload, DrillRunInfo } from './drill.js';
import type { AdminAction, AdminSubject, ExportKind, Handover, HandoverPerson } from './records.js';
import type { CheckinMethod, Hazard, PatrolRoute, PatrolTour } from './patrol.js';

/**
 * `live`, or `drill:<runId>`: drills never mix with live operations. `audit` holds security
 * events (lockouts) that no screen subscribes to.
 */
export type Stream = 'live' | 'audit' | `drill:${string}`;

interface EventBase<TType extends string, TPayload> {
  seq: number;
  stream: Stream;
  /** Server time, authoritative. */
  at: string;
  siteId: string;
  type: TType;
  actor: Actor;
  payload: TPayload;
}

export type AlarmRaised = EventBase<'alarm.raised', { alarm: Alarm }>;
export type AlarmRepeated = EventBase<
  'alarm.repeated',
  {
    alarmId: string;
    count: number;
    lastAt: string;
    priority: number;
    message: string;
    /** Absent in events stored before alarm texts had codes. */
    text?: AlarmText | null;
  }
>;
export type AlarmAcknowledged = EventBase<
  'alarm.acknowledged',
  { alarmId: string; owner: { id: string; name: string } }
>;
export type AlarmHeld = EventBase<'alarm.held', { alarmId: string; note: string | null }>;
export type AlarmResumed = EventBase<'alarm.resumed', { alarmId: string }>;
export type AlarmResolved = EventBase<
  'alarm.resolved',
  { alarmId: string; disposition: Disposition; note: string | null; resolvedBy: { id: string; name: string } }
>;

/** A whole site written at once: created, imported, or its plan/anchor/floors changed. */
export type SiteSaved = EventBase<'site.saved', { site: Site }>;
export type SiteZoneSaved = EventBase<'site.zoneSaved', { zone: Zone }>;
export type SiteZoneRemoved = EventBase<'site.zoneRemoved', { zoneId: string }>;
export type SiteDeviceSaved = EventBase<'site.deviceSaved', { device: Device }>;
export type SiteDeviceRemoved = EventBase<'site.deviceRemoved', { deviceId: string }>;
export type DeviceStatusChanged = EventBase<'device.statusChanged', { deviceId: string; status: DeviceStatus; previous: DeviceStatus }>;

/** A guard added to or changed on the roster (with the zones the guard is in). */
export type GuardSaved = EventBase<'guard.saved', { guard: GuardLive }>;
export type GuardStatusChanged = EventBase<'guard.statusChanged', { guardId: string; status: GuardStatus; previous: GuardStatus }>;
export type GuardZoneEntered = EventBase<'guard.zoneEntered', { guardId: string; zoneId: string }>;
export type GuardZoneExited = EventBase<'guard.zoneExited', { guardId: string; zoneId: string }>;
/** A guard taken off the roster; the guard's positions stay for history. */
export type GuardRemoved = EventBase<'guard.removed', { guardId: string; callsign: string }>;

/** A monitor added to the wall or its name, place or alarm rule changed (its view is kept). */
export type WallMonitorSaved = EventBase<'wall.monitorSaved', { monitor: Monitor }>;
export type WallMonitorRemoved = EventBase<'wall.monitorRemoved', { monitorId: string }>;
/** A monitor's whole view: a new layout, a preset sent to it, or a camera sent full screen. */
export type WallViewSet = EventBase<'wall.viewSet', { monitorId: string; view: WallView; presetId: string | null }>;
export type WallTileAssigned = EventBase<'wall.tileAssigned', { monitorId: string; index: number; content: TileContent }>;
export type WallPresetSaved = EventBase<'wall.presetSaved', { preset: WallPreset }>;
export type WallPresetRemoved = EventBase<'wall.presetRemoved', { presetId: string }>;
/** An operator sent an alarm's cameras off a monitor before the alarm was resolved. */
export type WallTakeoverReleased = EventBase<'wall.takeoverReleased', { monitorId: string; alarmId: string }>;

/** An account locked after too many failed logins (the `audit` stream; `siteId` is AUDIT_SITE_ID). */
export type AuthLockedOut = EventBase<
  'auth.lockedOut',
  { username: string; userId: string | null; address: string; failures: number; lockedUntil: string; lockout: number }
>;
/** A login that succeeded (the `audit` stream). */
export type AuthLoggedIn = EventBase<'auth.loggedIn', { userId: string; username: string; role: string; address: string }>;
/** A login refused for a wrong password or a disabled account (the `audit` stream; a throttled attempt is not one). */
export type AuthLoginFailed = EventBase<'auth.loginFailed', { username: string; userId: string | null; address: string; reason: 'password' | 'disabled' }>;
export type AuthLoggedOut = EventBase<'auth.loggedOut', { userId: string; username: string }>;
/** An admin's change to a login or an API key, or a user's change of their own password (the `audit` stream). */
export type AdminChanged = EventBase<
  'admin.changed',
  { subject: AdminSubject; action: AdminAction; targetId: string; targetName: string; detail: string | null }
>;
/** A file the server served (an export), with the filters it was made with (the `audit` stream). */
export type DataExported = EventBase<'data.exported', { export: ExportKind; filters: Record<string, string> }>;
/** A shift handed over (交接班): what was open, composed by the server, and the outgoing officer's note. */
export type HandoverOpened = EventBase<'handover.opened', { handover: Handover }>;
/** The incoming officer took the shift over. */
export type HandoverAcknowledged = EventBase<'handover.acknowledged', { handoverId: string; by: HandoverPerson; note: string | null }>;

/** A top-priority alarm nobody acknowledged in time: the commander is called with sound. */
export type AlarmEscalated = EventBase<'alarm.escalated', { alarmId: string; afterSec: number }>;

/** An incident (事件) opened from alarms or by hand; `plan` is null until one is started. */
export type IncidentOpened = EventBase<'incident.opened', { incident: Incident }>;
export type IncidentAlarmAttached = EventBase<'incident.alarmAttached', { incidentId: string; alarmId: string }>;
/** in progress, on hold, resolved, closed (`summary` is the closing report's, on close). */
export type IncidentStateChanged = EventBase<
  'incident.stateChanged',
  { incidentId: string; state: IncidentState; previous: IncidentState; note: string | null; summary: string | null }
>;
export type IncidentOwnerChanged = EventBase<'incident.ownerChanged', { incidentId: string; owner: Person; previous: Person | null }>;
export type IncidentLevelRaised = EventBase<'incident.levelRaised', { incidentId: string; level: IncidentLevel; previous: IncidentLevel }>;
/** A note, a call, a photo or a guard's report added to the timeline by a person. */
export type IncidentEntryAdded = EventBase<'incident.entryAdded', { incidentId: string; entry: TimelineEntry }>;
/** A timeline entry struck through as a correction; it stays readable. */
export type IncidentEntryStricken = EventBase<'incident.entryStricken', { incidentId: string; entryId: string; by: Person; reason: string }>;

/** A plan started for an incident: the run is the immutable copy of the template. */
export type PlanStarted = EventBase<'plan.started', { incidentId: string; run: PlanRun }>;
export type PlanStepCompleted = EventBase<
  'plan.stepCompleted',
  { incidentId: string; stepId: string; answer: StepAnswer; note: string | null; call: CallRecord | null; by: Person }
>;
/** Skipping needs a reason and notifies the commander. */
export type PlanStepSkipped = EventBase<'plan.stepSkipped', { incidentId: string; stepId: string; reason: string; by: Person }>;
/** The scheduler saw a step's warning time pass (once). */
export type PlanStepWarned = EventBase<'plan.stepWarned', { incidentId: string; stepId: string }>;
/** The scheduler saw a step's due time pass (once). */
export type PlanStepOverdue = EventBase<'plan.stepOverdue', { incidentId: string; stepId: string }>;

/**
 * A guard dispatched (派遣). The incident as it is now rides along, so a guard's phone, which
 * sees no incident it was not sent to, has it from here on.
 */
/** Every dispatch event names its incident and guard, so routing and timelines need no lookup. */
export interface DispatchRef {
  dispatchId: string;
  incidentId: string;
  guardId: string;
}
export type DispatchSent = EventBase<'dispatch.sent', { dispatch: Dispatch; incident: Incident }>;
export type DispatchAccepted = EventBase<'dispatch.accepted', DispatchRef>;
export type DispatchDeclined = EventBase<'dispatch.declined', DispatchRef & { reason: string }>;
export type DispatchEnRoute = EventBase<'dispatch.enRoute', DispatchRef>;
export type DispatchArrived = EventBase<'dispatch.arrived', DispatchRef & { arrival: 'detected' | 'pressed' }>;
export type DispatchCleared = EventBase<'dispatch.cleared', DispatchRef>;
export type DispatchCancelled = EventBase<'dispatch.cancelled', DispatchRef & { reason: string | null }>;
/** Not answered within DISPATCH_ANSWER_SEC: flagged, the next-nearest guard suggested. */
export type DispatchUnanswered = EventBase<'dispatch.unanswered', DispatchRef>;

/** A drill started: the first event of its stream `drill:<runId>`. */
export type DrillStarted = EventBase<'drill.started', { run: DrillRunInfo }>;
export type DrillPaused = EventBase<'drill.paused', { runId: string }>;
/** The injects still to come move later by the time the drill was paused. */
export type DrillResumed = EventBase<'drill.resumed', { runId: string; pausedSec: number }>;
export type DrillEnded = EventBase<'drill.ended', DrillEndedPayload>;
/** An inject fired (its alarm or device state follows as events of their own). */
export type DrillInjected = EventBase<'drill.injected', DrillInjectedPayload>;
/** A participant's or the controller's comment on a run (评论), during it or after, for the debrief. */
export type DrillCommented = EventBase<'drill.commented', DrillCommentedPayload>;

/** A patrol route saved or retired (reference data: in the live stream, shared by all). */
export type PatrolRouteSaved = EventBase<'patrol.routeSaved', { route: PatrolRoute }>;
export type PatrolRouteRemoved = EventBase<'patrol.routeRemoved', { routeId: string }>;
/**
 * Tours of a route nobody is expected to walk any more: its change cancels those not yet begun
 * (they come again from the new route), its retirement every one not done. What was checked
 * in on them stays in the records.
 */
export type PatrolToursCancelled = EventBase<
  'patrol.toursCancelled',
  { routeId: string; reason: 'routeChanged' | 'routeRetired'; tours: { id: string; guardId: string | null }[] }
>;
/** A tour expanded from its route's schedule, every checkpoint still to walk. */
export type PatrolTourScheduled = EventBase<'patrol.tourScheduled', { tour: PatrolTour }>;
/** A guard checked in at a checkpoint (`scannedAt` is the phone's time of the scan, queued offline or not). */
export type PatrolCheckedIn = EventBase<
  'patrol.checkedIn',
  {
    tourId: string;
    index: number;
    deviceId: string;
    guardId: string;
    checkinId: string;
    method: CheckinMethod;
    scannedAt: string;
    flagged: boolean;
    late: boolean;
    nearestM: number | null;
  }
>;
/** The grace after a checkpoint's due time passed with no check-in (once); its alarm follows. */
export type PatrolCheckpointMissed = EventBase<'patrol.checkpointMissed', { tourId: string; index: number; deviceId: string; guardId: string | null }>;

/** A hazard (隐患) reported, with its first note; photos follow. */
export type HazardReported = EventBase<'hazard.reported', { hazard: Hazard }>;
export type HazardPhotoAdded = EventBase<'hazard.photoAdded', { hazardId: string; photoId: string }>;
/**
 * `hazard` is the hazard as assigned: a phone given a hazard it did not report gets it from here.
 * `previous` is whom it was taken from (their phone drops it). Both are absent in events stored
 * before they were added.
 */
export type HazardAssigned = EventBase<'hazard.assigned', { hazardId: string; assignee: Person; by: Person; hazard?: Hazard; previous?: Person | null }>;
export type HazardRectified = EventBase<'hazard.rectified', { hazardId: string; note: string; by: Person }>;
export type HazardVerified = EventBase<'hazard.verified', { hazardId: string; by: Person }>;

/** Audit events belong to no site. */
export const AUDIT_SITE_ID = '';

export type DomainEvent =
  | AlarmRaised
  | AlarmRepeated
  | AlarmAcknowledged
  | AlarmHeld
  | AlarmResumed
  | AlarmResolved
  | SiteSaved
  | SiteZoneSaved
  | SiteZoneRemoved
  | SiteDeviceSaved
  | SiteDeviceRemoved
  | DeviceStatusChanged
  | GuardSaved
  | GuardStatusChanged
  | GuardZoneEntered
  | GuardZoneExited
  | GuardRemoved
  | WallMonitorSaved
  | WallMonitorRemoved
  | WallViewSet
  | WallTileAssigned
  | WallPresetSaved
  | WallPresetRemoved
  | WallTakeoverReleased
  | AuthLockedOut
  | AuthLoggedIn
  | AuthLoginFailed
  | AuthLoggedOut
  | AdminChanged
  | DataExported
  | HandoverOpened
  | HandoverAcknowledged
  | AlarmEscalated
  | IncidentOpened
  | IncidentAlarmAttached
  | IncidentStateChanged
  | IncidentOwnerChanged
  | IncidentLevelRaised
  | IncidentEntryAdded
  | IncidentEntryStricken
  | PlanStarted
  | PlanStepCompleted
  | PlanStepSkipped
  | PlanStepWarned
  | PlanStepOverdue
  | DispatchSent
  | DispatchAccepted
  | DispatchDeclined
  | DispatchEnRoute
  | DispatchArrived
  | DispatchCleared
  | DispatchCancelled
  | DispatchUnanswered
  | DrillStarted
  | DrillPaused
  | DrillResumed
  | DrillEnded
  | DrillInjected
  | DrillCommented
  | PatrolRouteSaved
  | PatrolRouteRemoved
  | PatrolToursCancelled
  | PatrolTourScheduled
  | PatrolCheckedIn
  | PatrolCheckpointMissed
  | HazardReported
  | HazardPhotoAdded
  | HazardAssigned
  | HazardRectified
  | HazardVerified;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
/** An event before the log gives it a seq and a time. */
export type NewEvent = {
  [T in EventType]: Omit<EventOf<T>, 'seq' | 'at' | 'stream'>;
}[EventType];
