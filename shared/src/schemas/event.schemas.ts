import { z } from 'zod';
import { ALARM_KINDS, ALARM_STATES, DISPOSITIONS } from '../domain/alarm.js';
import type { DomainEvent, EventType } from '../domain/events.js';
import { GUARD_STATUSES } from '../domain/guard.js';
import { DEVICE_KINDS, DEVICE_STATUSES, ZONE_KINDS } from '../domain/types.js';
import { ALARM_TEXT_CODES } from '../domain/texts.js';
import { LAYOUTS } from '../domain/wall.js';
import { formatZodError } from './errors.js';
import { DRILL_MODES, type DrillInjectInput } from './drill.schemas.js';
import type { DrillEvaluation } from '../domain/drill-score.js';
import { DISPATCH_STATES, INCIDENT_STATES, TIMELINE_KINDS } from '../domain/incident.js';
import { ADMIN_ACTIONS, ADMIN_SUBJECTS, EXPORT_KINDS } from '../domain/records.js';
import { CHECKIN_METHODS, HAZARD_STATES } from '../domain/patrol.js';
import { AUTO_ACTIONS, CALL_PARTIES, INCIDENT_LEVELS, INCIDENT_TYPES, PLAN_ROLES, STEP_KINDS, STEP_STATUSES } from '../domain/plan.js';

/*
 * The shape of every event as the log stores it, checked when events are read back from the
 * database. These describe structure (types, enums), not the rules an input must meet
 * (lengths, id characters): an event the server once accepted must always read back, even
 * after an input rule is tightened.
 */

const str = z.string();
const num = z.number().finite();
const int = z.number().int();
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();
const iso = z.string().refine((value) => !Number.isNaN(Date.parse(value)), { error: 'must be an ISO-8601 date-time' });
const who = z.object({ id: str, name: str });

const Point = z.tuple([num, num]);
const Actor = z.object({ kind: z.enum(['user', 'device', 'integration', 'simulator', 'system']), id: str, name: str });

/** A server-made alarm's text; events written before texts were codes have none. */
const AlarmText = z.object({ code: z.enum(ALARM_TEXT_CODES), params: z.record(str, z.union([str, num])) });

const Alarm = z.object({
  id: str,
  siteId: str,
  kind: z.enum(ALARM_KINDS),
  priority: int,
  state: z.enum(ALARM_STATES),
  source: z.object({ deviceId: str.optional(), externalId: str.optional() }),
  deviceId: nullable(str),
  zoneId: nullable(str),
  location: nullable(z.object({ position: Point, floor: int })),
  message: str,
  text: nullable(AlarmText).default(null),
  attributes: z.record(str, z.union([str, num, z.boolean()])),
  occurredAt: iso,
  firstAt: iso,
  lastAt: iso,
  count: int,
  owner: nullable(who),
  acknowledgedAt: nullable(iso),
  heldAt: nullable(iso),
  disposition: nullable(z.enum(DISPOSITIONS)),
  note: nullable(str),
  resolvedAt: nullable(iso),
  resolvedBy: nullable(who),
  incidentId: nullable(str).optional(),
  escalatedAt: nullable(iso).optional(),
});

const Zone = z.object({
  id: str,
  siteId: str,
  name: str,
  nameEn: nullable(str),
  kind: z.enum(ZONE_KINDS),
  floor: int,
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Point)) }),
    z.object({ type: z.literal('LineString'), coordinates: z.array(Point) }),
  ]),
});

const Device = z.object({
  id: str,
  siteId: str,
  zoneId: nullable(str),
  kind: z.enum(DEVICE_KINDS),
  name: str,
  nameEn: nullable(str),
  position: Point,
  floor: int,
  status: z.enum(DEVICE_STATUSES),
  camera: nullable(z.object({ heading: num, angle: num, range: num })),
  linkedCameraIds: z.array(str),
});

const Site = z.object({
  id: str,
  name: str,
  nameEn: nullable(str),
  plan: z.object({ width: num, height: num }),
  anchor: nullable(z.object({ controlPoints: z.array(z.object({ plan: Point, lat: num, lon: num })) })),
  backdrop: nullable(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('image'), url: str, bounds: z.tuple([Point, Point]), floor: int.optional() }),
      z.object({ kind: z.literal('tiles'), url: str, maxZoom: int, floor: int.optional() }),
    ]),
  ),
  floors: z.array(z.object({ level: int, name: str, nameEn: nullable(str) })),
  zones: z.array(Zone),
  devices: z.array(Device),
});

const Guard = z.object({
  id: str,
  siteId: str,
  callsign: str,
  name: str,
  status: z.enum(GUARD_STATUSES),
  onShift: z.boolean(),
  userId: nullable(str),
  zoneIds: z.array(str),
});

const TileContent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('empty') }),
  z.object({ kind: z.literal('camera'), cameraId: str }),
  z.object({ kind: z.literal('map'), siteId: str, floor: int }),
  z.object({ kind: z.literal('alarms') }),
  z.object({ kind: z.literal('incident'), incidentId: nullable(str) }),
  z.object({ kind: z.literal('tour'), cameraIds: z.array(str), dwellSeconds: num, startedAt: iso, pausedAt: nullable(iso) }),
]);
const WallView = z.object({ layout: z.enum(LAYOUTS), tiles: z.array(TileContent) });
const Monitor = z.object({
  id: str,
  siteId: str,
  name: str,
  nameEn: nullable(str),
  position: int,
  view: WallView,
  alarmRule: nullable(z.object({ kinds: z.array(z.enum(ALARM_KINDS)), maxPriority: int, cameraCount: int, radius: num })),
  releasedAlarmIds: z.array(str),
});
const WallPreset = z.object({ id: str, siteId: str, name: str, nameEn: nullable(str), view: WallView });

const Bilingual = z.object({ zh: str, en: str });
const params = z.record(str, z.union([str, num]));
const CallRecord = z.object({ party: z.enum(CALL_PARTIES), at: iso, note: nullable(str) });
const PlanStep = z.object({
  id: str,
  kind: z.enum(STEP_KINDS),
  title: Bilingual,
  detail: nullable(Bilingual),
  role: z.enum(PLAN_ROLES),
  dueAfterSec: int,
  warnAtSec: int,
  required: z.boolean(),
  next: z.object({ done: nullable(str).optional(), yes: nullable(str).optional(), no: nullable(str).optional() }),
  options: z.array(z.object({ id: str, label: Bilingual, next: nullable(str) })),
  party: nullable(z.enum(CALL_PARTIES)),
  action: nullable(z.enum(AUTO_ACTIONS)),
  guards: nullable(int),
});
const StepState = z.object({
  status: z.enum(STEP_STATUSES),
  answer: nullable(str),
  by: nullable(who),
  at: nullable(iso),
  reason: nullable(str),
  note: nullable(str),
  call: nullable(CallRecord),
  warnedAt: nullable(iso),
  overdueAt: nullable(iso),
});
const PlanRun = z.object({
  planId: str,
  version: int,
  name: Bilingual,
  startedAt: iso,
  startedBy: who,
  steps: z.array(PlanStep),
  states: z.record(str, StepState),
  pauses: z.array(z.object({ from: iso, sec: z.number().nonnegative() })).optional(),
  pausedAt: nullable(iso).optional(),
});
const TimelineEntry = z.object({
  id: str,
  at: iso,
  kind: z.enum(TIMELINE_KINDS),
  by: nullable(who),
  code: nullable(str),
  params,
  text: nullable(str),
  call: nullable(z.object({ party: z.enum(CALL_PARTIES), at: iso })),
  photoId: nullable(str),
  stricken: nullable(z.object({ at: iso, by: who, reason: str })),
});
const level = z.union(INCIDENT_LEVELS.map((value) => z.literal(value)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<3>]);
const Incident = z.object({
  id: str,
  siteId: str,
  number: str,
  type: z.enum(INCIDENT_TYPES),
  level,
  title: str,
  state: z.enum(INCIDENT_STATES),
  location: nullable(z.object({ position: Point, floor: int, zoneId: nullable(str) })),
  alarmIds: z.array(str),
  owner: nullable(who),
  openedAt: iso,
  openedBy: who,
  resolvedAt: nullable(iso),
  closedAt: nullable(iso),
  summary: nullable(str),
  plan: nullable(PlanRun),
  timeline: z.array(TimelineEntry),
});
const Dispatch = z.object({
  id: str,
  incidentId: str,
  siteId: str,
  guardId: str,
  state: z.enum(DISPATCH_STATES),
  instruction: nullable(str),
  sentAt: iso,
  sentBy: who,
  acceptedAt: nullable(iso),
  declinedAt: nullable(iso),
  declineReason: nullable(str),
  enRouteAt: nullable(iso),
  onSceneAt: nullable(iso),
  arrival: nullable(z.enum(['detected', 'pressed'])),
  clearedAt: nullable(iso),
  cancelledAt: nullable(iso),
  unansweredAt: nullable(iso),
});
const dispatchRef = { dispatchId: str, incidentId: str, guardId: str };
const incidentState = z.enum(INCIDENT_STATES);

const Stream = z.custom<DomainEvent['stream']>((value) => value === 'live' || value === 'audit' || (typeof value === 'string' && value.startsWith('drill:')), {
  error: 'must be live, audit or drill:<run id>',
});

/** One event type: the common envelope and its own payload. */
const event = <T extends EventType, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ seq: int.positive(), stream: Stream, at: iso, siteId: str, type: z.literal(type), actor: Actor, payload });

const guardStatus = z.enum(GUARD_STATUSES);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
/** A drill's inject as it was fired (checked in full by the scenario's schema when the drill started). */
const DrillInject = z.custom<DrillInjectInput>(
  (value) => isRecord(value) && typeof value.id === 'string' && typeof value.atSec === 'number' && ['alarm', 'device_state', 'guard_walk', 'note'].includes(value.kind as string),
  { error: 'must be a drill inject' },
);
const DrillEvaluationShape = z.custom<DrillEvaluation>(
  (value) => isRecord(value) && typeof value.score === 'number' && typeof value.grade === 'string' && Array.isArray(value.targets) && Array.isArray(value.steps),
  { error: 'must be a drill evaluation' },
);
const DrillRunInfo = z.object({
  id: str,
  scenarioId: str,
  name: Bilingual,
  mode: z.enum(DRILL_MODES),
  siteId: str,
  planId: str,
  controller: who,
  participants: z.array(str),
  startedAt: iso,
});
const deviceStatus = z.enum(DEVICE_STATUSES);

const HandoverSummaryShape = z.object({
  alarms: z.array(z.object({ id: str, kind: z.enum(ALARM_KINDS), priority: int, state: z.enum(ALARM_STATES), message: str, zoneId: nullable(str), firstAt: iso })),
  incidents: z.array(z.object({ id: str, number: str, title: str, type: z.enum(INCIDENT_TYPES), level, state: incidentState, openedAt: iso })),
  guardsOnDuty: z.array(z.object({ id: str, callsign: str, name: str, status: guardStatus })),
  hazardsOpen: z.array(z.object({ id: str, title: str, state: str, reportedAt: iso })),
  patrolsDue: z.array(z.object({ id: str, name: str, dueAt: iso })),
  counts: z.object({ alarms: int, incidents: int, guardsOnDuty: int, hazardsOpen: int, patrolsDue: int }),
});
const HandoverShape = z.object({
  id: str,
  siteId: str,
  stream: str,
  from: who,
  to: nullable(who),
  note: nullable(str),
  openedAt: iso,
  summary: HandoverSummaryShape,
  acknowledgedAt: nullable(iso),
  acknowledgedBy: nullable(who),
  acknowledgeNote: nullable(str),
});
const PatrolRoute = z.object({
  id: str,
  siteId: str,
  name: str,
  nameEn: nullable(str),
  checkpoints: z.array(z.object({ deviceId: str, minutes: num, nfcTagId: nullable(str) })),
  schedule: z.object({ timeZone: str, start: str, end: str, everyMinutes: int }),
  guardId: nullable(str),
  post: nullable(str),
  radiusM: num,
  allowArrival: z.boolean(),
  graceMinutes: num,
  active: z.boolean(),
});
const PatrolTour = z.object({
  id: str,
  routeId: str,
  siteId: str,
  name: str,
  nameEn: nullable(str),
  guardId: nullable(str),
  post: nullable(str),
  startsAt: iso,
  radiusM: num,
  allowArrival: z.boolean(),
  graceMinutes: num,
  checkpoints: z.array(
    z.object({
      deviceId: str,
      dueAt: iso,
      checkedAt: nullable(iso),
      method: nullable(z.enum(CHECKIN_METHODS)),
      flagged: z.boolean(),
      late: z.boolean(),
      missedAt: nullable(iso),
    }),
  ),
});
const Hazard = z.object({
  id: str,
  siteId: str,
  state: z.enum(HAZARD_STATES),
  note: str,
  location: nullable(z.object({ position: Point, floor: int })),
  deviceId: nullable(str),
  tourId: nullable(str),
  reportedBy: who,
  reportedAt: iso,
  assignee: nullable(who),
  assignedAt: nullable(iso),
  rectifiedAt: nullable(iso),
  rectifyNote: nullable(str),
  verifiedAt: nullable(iso),
  verifiedBy: nullable(who),
  photoIds: z.array(str),
});

/** Every event type's schema, keyed by type: the checker fails when one is missing. */
export const EVENT_SCHEMAS = {
  'alarm.raised': event('alarm.raised', z.object({ alarm: Alarm })),
  'alarm.repeated': event('alarm.repeated', z.object({ alarmId: str, count: int, lastAt: iso, priority: int, message: str, text: nullable(AlarmText).optional() })),
  'alarm.acknowledged': event('alarm.acknowledged', z.object({ alarmId: str, owner: who })),
  'alarm.held': event('alarm.held', z.object({ alarmId: str, note: nullable(str) })),
  'alarm.resumed': event('alarm.resumed', z.object({ alarmId: str })),
  'alarm.resolved': event(
    'alarm.resolved',
    z.object({ alarmId: str, disposition: z.enum(DISPOSITIONS), note: nullable(str), resolvedBy: who }),
  ),
  'site.saved': event('site.saved', z.object({ site: Site })),
  'site.zoneSaved': event('site.zoneSaved', z.object({ zone: Zone })),
  'site.zoneRemoved': event('site.zoneRemoved', z.object({ zoneId: str })),
  'site.deviceSaved': event('site.deviceSaved', z.object({ device: Device })),
  'site.deviceRemoved': event('site.deviceRemoved', z.object({ deviceId: str })),
  'device.statusChanged': event('device.statusChanged', z.object({ deviceId: str, status: deviceStatus, previous: deviceStatus })),
  'guard.saved': event('guard.saved', z.object({ guard: Guard })),
  'guard.statusChanged': event('guard.statusChanged', z.object({ guardId: str, status: guardStatus, previous: guardStatus })),
  'guard.removed': event('guard.removed', z.object({ guardId: str, callsign: str })),
  'guard.zoneEntered': event('guard.zoneEntered', z.object({ guardId: str, zoneId: str })),
  'guard.zoneExited': event('guard.zoneExited', z.object({ guardId: str, zoneId: str })),
  'wall.monitorSaved': event('wall.monitorSaved', z.object({ monitor: Monitor })),
  'wall.monitorRemoved': event('wall.monitorRemoved', z.object({ monitorId: str })),
  'wall.viewSet': event('wall.viewSet', z.object({ monitorId: str, view: WallView, presetId: nullable(str) })),
  'wall.tileAssigned': event('wall.tileAssigned', z.object({ monitorId: str, index: int, content: TileContent })),
  'wall.presetSaved': event('wall.presetSaved', z.object({ preset: WallPreset })),
  'wall.presetRemoved': event('wall.presetRemoved', z.object({ presetId: str })),
  'wall.takeoverReleased': event('wall.takeoverReleased', z.object({ monitorId: str, alarmId: str })),
  'auth.lockedOut': event(
    'auth.lockedOut',
    z.object({ username: str, userId: nullable(str), address: str, failures: int, lockedUntil: iso, lockout: int }),
  ),
  'auth.loggedIn': event('auth.loggedIn', z.object({ userId: str, username: str, role: str, address: str })),
  'auth.loginFailed': event('auth.loginFailed', z.object({ username: str, userId: nullable(str), address: str, reason: z.enum(['password', 'disabled']) })),
  'auth.loggedOut': event('auth.loggedOut', z.object({ userId: str, username: str })),
  'admin.changed': event(
    'admin.changed',
    z.object({ subject: z.enum(ADMIN_SUBJECTS), action: z.enum(ADMIN_ACTIONS), targetId: str, targetName: str, detail: nullable(str) }),
  ),
  'data.exported': event('data.exported', z.object({ export: z.enum(EXPORT_KINDS), filters: z.record(str, str) })),
  'handover.opened': event('handover.opened', z.object({ handover: HandoverShape })),
  'handover.acknowledged': event('handover.acknowledged', z.object({ handoverId: str, by: who, note: nullable(str) })),
  'alarm.escalated': event('alarm.escalated', z.object({ alarmId: str, afterSec: int })),
  'incident.opened': event('incident.opened', z.object({ incident: Incident })),
  'incident.alarmAttached': event('incident.alarmAttached', z.object({ incidentId: str, alarmId: str })),
  'incident.stateChanged': event(
    'incident.stateChanged',
    z.object({ incidentId: str, state: incidentState, previous: incidentState, note: nullable(str), summary: nullable(str) }),
  ),
  'incident.ownerChanged': event('incident.ownerChanged', z.object({ incidentId: str, owner: who, previous: nullable(who) })),
  'incident.levelRaised': event('incident.levelRaised', z.object({ incidentId: str, level, previous: level })),
  'incident.entryAdded': event('incident.entryAdded', z.object({ incidentId: str, entry: TimelineEntry })),
  'incident.entryStricken': event('incident.entryStricken', z.object({ incidentId: str, entryId: str, by: who, reason: str })),
  'plan.started': event('plan.started', z.object({ incidentId: str, run: PlanRun })),
  'plan.stepCompleted': event(
    'plan.stepCompleted',
    z.object({ incidentId: str, stepId: str, answer: str, note: nullable(str), call: nullable(CallRecord), by: who }),
  ),
  'plan.stepSkipped': event('plan.stepSkipped', z.object({ incidentId: str, stepId: str, reason: str, by: who })),
  'plan.stepWarned': event('plan.stepWarned', z.object({ incidentId: str, stepId: str })),
  'plan.stepOverdue': event('plan.stepOverdue', z.object({ incidentId: str, stepId: str })),
  'dispatch.sent': event('dispatch.sent', z.object({ dispatch: Dispatch, incident: Incident })),
  'dispatch.accepted': event('dispatch.accepted', z.object(dispatchRef)),
  'dispatch.declined': event('dispatch.declined', z.object({ ...dispatchRef, reason: str })),
  'dispatch.enRoute': event('dispatch.enRoute', z.object(dispatchRef)),
  'dispatch.arrived': event('dispatch.arrived', z.object({ ...dispatchRef, arrival: z.enum(['detected', 'pressed']) })),
  'dispatch.cleared': event('dispatch.cleared', z.object(dispatchRef)),
  'dispatch.cancelled': event('dispatch.cancelled', z.object({ ...dispatchRef, reason: nullable(str) })),
  'dispatch.unanswered': event('dispatch.unanswered', z.object(dispatchRef)),
  'drill.started': event('drill.started', z.object({ run: DrillRunInfo })),
  'drill.paused': event('drill.paused', z.object({ runId: str })),
  'drill.resumed': event('drill.resumed', z.object({ runId: str, pausedSec: int })),
  'drill.ended': event('drill.ended', z.object({ runId: str, evaluation: DrillEvaluationShape })),
  'drill.injected': event('drill.injected', z.object({ runId: str, inject: DrillInject, adHoc: z.boolean(), early: z.boolean() })),
  'drill.commented': event('drill.commented', z.object({ runId: str, comment: z.object({ id: str, at: str, by: who, text: str }) })),
  'patrol.routeSaved': event('patrol.routeSaved', z.object({ route: PatrolRoute })),
  'patrol.routeRemoved': event('patrol.routeRemoved', z.object({ routeId: str })),
  'patrol.toursCancelled': event(
    'patrol.toursCancelled',
    z.object({ routeId: str, reason: z.enum(['routeChanged', 'routeRetired']), tours: z.array(z.object({ id: str, guardId: str.nullable() })) }),
  ),
  'patrol.tourScheduled': event('patrol.tourScheduled', z.object({ tour: PatrolTour })),
  'patrol.checkedIn': event(
    'patrol.checkedIn',
    z.object({
      tourId: str,
      index: int,
      deviceId: str,
      guardId: str,
      checkinId: str,
      method: z.enum(CHECKIN_METHODS),
      scannedAt: iso,
      flagged: z.boolean(),
      late: z.boolean(),
      nearestM: nullable(num),
    }),
  ),
  'patrol.checkpointMissed': event('patrol.checkpointMissed', z.object({ tourId: str, index: int, deviceId: str, guardId: nullable(str) })),
  'hazard.reported': event('hazard.reported', z.object({ hazard: Hazard })),
  'hazard.photoAdded': event('hazard.photoAdded', z.object({ hazardId: str, photoId: str })),
  'hazard.assigned': event('hazard.assigned', z.object({ hazardId: str, assignee: who, by: who, hazard: Hazard.optional(), previous: nullable(who).optional() })),
  'hazard.rectified': event('hazard.rectified', z.object({ hazardId: str, note: str, by: who })),
  'hazard.verified': event('hazard.verified', z.object({ hazardId: str, by: who })),
} satisfies { [T in EventType]: z.ZodType<Extract<DomainEvent, { type: T }>> };

const schemas = Object.values(EVENT_SCHEMAS);
type EventSchema = (typeof schemas)[number];

/** Any event of the log, told apart by `type`. */
export const DomainEventSchema: z.ZodType<DomainEvent> = z.discriminatedUnion(
  'type',
  schemas as unknown as [EventSchema, ...EventSchema[]],
  { error: `must be one of ${Object.keys(EVENT_SCHEMAS).join(', ')}` },
);

export type EventParse = { ok: true; event: DomainEvent } | { ok: false; error: string };

/**
 * Checks an event read back from the log; the error names the field (`payload.alarm.priority: …`).
 * A valid event is handed on as it was stored, not as parsed: a field added to a type (an
 * optional one the schema has not learnt yet) is kept, not silently stripped.
 */
export function parseStoredEvent(input: unknown): EventParse {
  const result = DomainEventSchema.safeParse(input);
  if (result.success) return { ok: true, event: input as DomainEvent };
  return { ok: false, error: formatZodError(result.error) };
}
