import { describe, expect, it } from 'vitest';
import type { Alarm, Device, Site, Zone } from '../domain/types.js';
import type { DomainEvent, EventType } from '../domain/events.js';
import type { Monitor, WallView } from '../domain/wall.js';
import { tourOf, type Hazard, type PatrolRoute, type PatrolTour } from '../domain/patrol.js';
import { EVENT_SCHEMAS, parseStoredEvent } from './event.schemas.js';
import { buildDispatch, buildIncident, commander, FIXTURE_AT } from '../testing/incident-fixtures.js';

const at = '2026-11-23T03:00:00.000Z';
const actor = { kind: 'user' as const, id: 'u1', name: 'Operator 1' };
const base = { seq: 7, stream: 'live' as const, at, siteId: 'site-1', actor };

const alarm: Alarm = {
  id: '6f1c3c1e-6d3f-4a4e-9d55-0f6a0a9d1a11',
  siteId: 'site-1',
  kind: 'sos',
  priority: 1,
  state: 'new',
  source: { externalId: 'guard:g1' },
  deviceId: null,
  zoneId: null,
  location: { position: [10, 20], floor: 0 },
  message: '',
  text: { code: 'guardSos', params: { callsign: 'A1', name: '保安甲' } },
  attributes: { guardId: 'g1', callsign: 'A1', count: 2, drill: false },
  occurredAt: at,
  firstAt: at,
  lastAt: at,
  count: 1,
  owner: null,
  acknowledgedAt: null,
  heldAt: null,
  disposition: null,
  note: null,
  resolvedAt: null,
  resolvedBy: null,
};
const zone: Zone = { id: 'z1', siteId: 'site-1', name: '北门', nameEn: 'North gate', kind: 'gate', floor: 0, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } };
const device: Device = {
  id: 'cam-1',
  siteId: 'site-1',
  zoneId: 'z1',
  kind: 'camera',
  name: '北门摄像机',
  nameEn: null,
  position: [1, 2],
  floor: 0,
  status: 'online',
  camera: { heading: 90, angle: 60, range: 30 },
  linkedCameraIds: [],
};
const site: Site = {
  id: 'site-1',
  name: '示例小区',
  nameEn: 'Example estate',
  plan: { width: 400, height: 300 },
  anchor: { controlPoints: [{ plan: [0, 0], lat: 31.2, lon: 121.4 }] },
  backdrop: { kind: 'image', url: '/api/v1/sites/site-1/images/plan.png', bounds: [[0, 0], [400, 300]], floor: 0 },
  floors: [{ level: 0, name: '地面', nameEn: 'Ground' }],
  zones: [zone],
  devices: [device],
};
const view: WallView = {
  layout: '2x2',
  tiles: [
    { kind: 'camera', cameraId: 'cam-1' },
    { kind: 'map', siteId: 'site-1', floor: 0 },
    { kind: 'alarms' },
    { kind: 'tour', cameraIds: ['cam-1'], dwellSeconds: 10, startedAt: at, pausedAt: null },
  ],
};
const monitor: Monitor = { id: 'm1', siteId: 'site-1', name: '主屏', nameEn: null, position: 0, view, alarmRule: { kinds: ['sos'], maxPriority: 3, cameraCount: 4, radius: 50 }, releasedAlarmIds: [] };

const route: PatrolRoute = {
  id: 'r1',
  siteId: 'site-1',
  name: '夜巡',
  nameEn: null,
  checkpoints: [{ deviceId: 'cp-1', minutes: 0, nfcTagId: null }],
  schedule: { timeZone: 'Asia/Shanghai', start: '22:00', end: '06:00', everyMinutes: 120 },
  guardId: null,
  post: '夜班岗',
  radiusM: 25,
  allowArrival: false,
  graceMinutes: 5,
  active: true,
};
const tour: PatrolTour = tourOf(route, 't1', new Date(at));
const hazard: Hazard = {
  id: 'h1',
  siteId: 'site-1',
  state: 'open',
  note: '消防通道堵塞',
  location: { position: [1, 2], floor: 0 },
  deviceId: null,
  tourId: null,
  reportedBy: { id: 'u2', name: 'G' },
  reportedAt: at,
  assignee: null,
  assignedAt: null,
  rectifiedAt: null,
  rectifyNote: null,
  verifiedAt: null,
  verifiedBy: null,
  photoIds: [],
};

/** One valid event of each type; the record type fails to compile when a type is missing. */
const VALID: { [T in EventType]: Extract<DomainEvent, { type: T }> } = {
  'alarm.raised': { ...base, type: 'alarm.raised', payload: { alarm } },
  'alarm.repeated': { ...base, type: 'alarm.repeated', payload: { alarmId: alarm.id, count: 2, lastAt: at, priority: 1, message: 'again' } },
  'alarm.acknowledged': { ...base, type: 'alarm.acknowledged', payload: { alarmId: alarm.id, owner: { id: 'u1', name: 'Operator 1' } } },
  'alarm.held': { ...base, type: 'alarm.held', payload: { alarmId: alarm.id, note: null } },
  'alarm.resumed': { ...base, type: 'alarm.resumed', payload: { alarmId: alarm.id } },
  'alarm.resolved': { ...base, type: 'alarm.resolved', payload: { alarmId: alarm.id, disposition: 'confirmed', note: 'ok', resolvedBy: { id: 'u1', name: 'Operator 1' } } },
  'site.saved': { ...base, type: 'site.saved', payload: { site } },
  'site.zoneSaved': { ...base, type: 'site.zoneSaved', payload: { zone } },
  'site.zoneRemoved': { ...base, type: 'site.zoneRemoved', payload: { zoneId: 'z1' } },
  'site.deviceSaved': { ...base, type: 'site.deviceSaved', payload: { device } },
  'site.deviceRemoved': { ...base, type: 'site.deviceRemoved', payload: { deviceId: 'cam-1' } },
  'device.statusChanged': { ...base, type: 'device.statusChanged', payload: { deviceId: 'cam-1', status: 'fault', previous: 'online' } },
  'guard.saved': {
    ...base,
    type: 'guard.saved',
    payload: { guard: { id: 'g1', siteId: 'site-1', callsign: 'A1', name: '保安甲', status: 'available', onShift: true, userId: null, zoneIds: ['z1'] } },
  },
  'guard.removed': { ...base, type: 'guard.removed', payload: { guardId: 'g1', callsign: 'A1' } },
  'guard.statusChanged': { ...base, type: 'guard.statusChanged', payload: { guardId: 'g1', status: 'sos', previous: 'available' } },
  'guard.zoneEntered': { ...base, type: 'guard.zoneEntered', payload: { guardId: 'g1', zoneId: 'z1' } },
  'guard.zoneExited': { ...base, type: 'guard.zoneExited', payload: { guardId: 'g1', zoneId: 'z1' } },
  'wall.monitorSaved': { ...base, type: 'wall.monitorSaved', payload: { monitor } },
  'wall.monitorRemoved': { ...base, type: 'wall.monitorRemoved', payload: { monitorId: 'm1' } },
  'wall.viewSet': { ...base, type: 'wall.viewSet', payload: { monitorId: 'm1', view, presetId: null } },
  'wall.tileAssigned': { ...base, type: 'wall.tileAssigned', payload: { monitorId: 'm1', index: 0, content: { kind: 'empty' } } },
  'wall.presetSaved': { ...base, type: 'wall.presetSaved', payload: { preset: { id: 'p1', siteId: 'site-1', name: '夜班', nameEn: 'Night', view } } },
  'wall.presetRemoved': { ...base, type: 'wall.presetRemoved', payload: { presetId: 'p1' } },
  'wall.takeoverReleased': { ...base, type: 'wall.takeoverReleased', payload: { monitorId: 'm1', alarmId: alarm.id } },
  'auth.lockedOut': {
    ...base,
    stream: 'audit',
    siteId: '',
    type: 'auth.lockedOut',
    payload: { username: 'op1', userId: null, address: '10.0.0.9', failures: 5, lockedUntil: at, lockout: 1 },
  },
  'auth.loggedIn': { ...base, stream: 'audit', siteId: '', type: 'auth.loggedIn', payload: { userId: 'u1', username: 'op1', role: 'operator', address: '10.0.0.9' } },
  'auth.loginFailed': { ...base, stream: 'audit', siteId: '', type: 'auth.loginFailed', payload: { username: 'op1', userId: null, address: '10.0.0.9', reason: 'password' } },
  'auth.loggedOut': { ...base, stream: 'audit', siteId: '', type: 'auth.loggedOut', payload: { userId: 'u1', username: 'op1' } },
  'admin.changed': {
    ...base,
    stream: 'audit',
    siteId: '',
    type: 'admin.changed',
    payload: { subject: 'user', action: 'created', targetId: 'u2', targetName: 'op2', detail: 'operator' },
  },
  'data.exported': { ...base, stream: 'audit', siteId: '', type: 'data.exported', payload: { export: 'alarms.csv', filters: { kind: 'fire' } } },
  'handover.opened': {
    ...base,
    type: 'handover.opened',
    payload: {
      handover: {
        id: 'h1',
        siteId: 'site-1',
        stream: 'live',
        from: { id: 'u1', name: 'Operator 1' },
        to: null,
        note: '东门摄像头待修',
        openedAt: at,
        summary: {
          alarms: [{ id: alarm.id, kind: alarm.kind, priority: 1, state: 'new', message: 'smoke', zoneId: null, firstAt: at }],
          incidents: [],
          guardsOnDuty: [{ id: 'g1', callsign: 'A1', name: '张伟', status: 'available' }],
          hazardsOpen: [],
          patrolsDue: [],
          counts: { alarms: 1, incidents: 0, guardsOnDuty: 1, hazardsOpen: 0, patrolsDue: 0 },
        },
        acknowledgedAt: null,
        acknowledgedBy: null,
        acknowledgeNote: null,
      },
    },
  },
  'handover.acknowledged': { ...base, type: 'handover.acknowledged', payload: { handoverId: 'h1', by: { id: 'u2', name: 'Operator 2' }, note: null } },
  'alarm.escalated': { ...base, type: 'alarm.escalated', payload: { alarmId: alarm.id, afterSec: 60 } },
  'incident.opened': { ...base, type: 'incident.opened', payload: { incident: buildIncident({ alarmIds: [alarm.id] }) } },
  'incident.alarmAttached': { ...base, type: 'incident.alarmAttached', payload: { incidentId: 'inc-1', alarmId: alarm.id } },
  'incident.stateChanged': {
    ...base,
    type: 'incident.stateChanged',
    payload: { incidentId: 'inc-1', state: 'closed', previous: 'resolved', note: null, summary: '火情已扑灭' },
  },
  'incident.ownerChanged': { ...base, type: 'incident.ownerChanged', payload: { incidentId: 'inc-1', owner: commander, previous: null } },
  'incident.levelRaised': { ...base, type: 'incident.levelRaised', payload: { incidentId: 'inc-1', level: 1, previous: 2 } },
  'incident.entryAdded': {
    ...base,
    type: 'incident.entryAdded',
    payload: {
      incidentId: 'inc-1',
      entry: { id: 'e1', at, kind: 'call', by: commander, code: null, params: {}, text: '已报119', call: { party: 'fire_119', at }, photoId: null, stricken: null },
    },
  },
  'incident.entryStricken': { ...base, type: 'incident.entryStricken', payload: { incidentId: 'inc-1', entryId: 'e1', by: commander, reason: '记错了' } },
  'plan.started': { ...base, type: 'plan.started', payload: { incidentId: 'inc-1', run: buildIncident().plan! } },
  'plan.stepCompleted': {
    ...base,
    type: 'plan.stepCompleted',
    payload: { incidentId: 'inc-1', stepId: 'call_119', answer: 'done', note: null, call: { party: 'fire_119', at: FIXTURE_AT, note: null }, by: commander },
  },
  'plan.stepSkipped': { ...base, type: 'plan.stepSkipped', payload: { incidentId: 'inc-1', stepId: 'evacuate', reason: '无人员', by: commander } },
  'plan.stepWarned': { ...base, type: 'plan.stepWarned', payload: { incidentId: 'inc-1', stepId: 'assess' } },
  'plan.stepOverdue': { ...base, type: 'plan.stepOverdue', payload: { incidentId: 'inc-1', stepId: 'assess' } },
  'dispatch.sent': { ...base, type: 'dispatch.sent', payload: { dispatch: buildDispatch(), incident: buildIncident() } },
  'dispatch.accepted': { ...base, type: 'dispatch.accepted', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1' } },
  'dispatch.declined': { ...base, type: 'dispatch.declined', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1', reason: '正在处理另一事件' } },
  'dispatch.enRoute': { ...base, type: 'dispatch.enRoute', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1' } },
  'dispatch.arrived': { ...base, type: 'dispatch.arrived', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1', arrival: 'detected' } },
  'dispatch.cleared': { ...base, type: 'dispatch.cleared', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1' } },
  'dispatch.cancelled': { ...base, type: 'dispatch.cancelled', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1', reason: null } },
  'dispatch.unanswered': { ...base, type: 'dispatch.unanswered', payload: { dispatchId: 'd-1', incidentId: 'inc-1', guardId: 'g1' } },
  'drill.started': {
    ...base,
    type: 'drill.started',
    payload: {
      run: { id: 'r-1', scenarioId: 'ev-fire', name: { zh: '演练', en: 'Drill' }, mode: 'live', siteId: 'site-1', planId: 'ev-fire', controller: { id: 'u1', name: 'Commander' }, participants: ['u2'], startedAt: at },
    },
  },
  'drill.paused': { ...base, type: 'drill.paused', payload: { runId: 'r-1' } },
  'drill.resumed': { ...base, type: 'drill.resumed', payload: { runId: 'r-1', pausedSec: 30 } },
  'drill.ended': {
    ...base,
    type: 'drill.ended',
    payload: { runId: 'r-1', evaluation: { targets: [], steps: [], score: 0, grade: 'fail', late: [], skipped: [], missed: [] } },
  },
  'drill.injected': {
    ...base,
    type: 'drill.injected',
    payload: { runId: 'r-1', inject: { id: 'n1', atSec: 10, kind: 'note', text: { zh: '提示', en: 'Note' } }, adHoc: false, early: false },
  },
  'drill.commented': {
    ...base,
    type: 'drill.commented',
    payload: { runId: 'r-1', comment: { id: 'c-1', at: base.at, by: { id: 'u-1', name: '王' }, text: '第二步太慢' } },
  },
  'patrol.routeSaved': { ...base, type: 'patrol.routeSaved', payload: { route } },
  'patrol.routeRemoved': { ...base, type: 'patrol.routeRemoved', payload: { routeId: route.id } },
  'patrol.toursCancelled': { ...base, type: 'patrol.toursCancelled', payload: { routeId: route.id, reason: 'routeRetired', tours: [{ id: tour.id, guardId: tour.guardId }] } },
  'patrol.tourScheduled': { ...base, type: 'patrol.tourScheduled', payload: { tour } },
  'patrol.checkedIn': {
    ...base,
    type: 'patrol.checkedIn',
    payload: { tourId: tour.id, index: 0, deviceId: 'cp-1', guardId: 'g1', checkinId: 'c-123456789', method: 'qr', scannedAt: at, flagged: false, late: false, nearestM: 4 },
  },
  'patrol.checkpointMissed': { ...base, type: 'patrol.checkpointMissed', payload: { tourId: tour.id, index: 0, deviceId: 'cp-1', guardId: null } },
  'hazard.reported': { ...base, type: 'hazard.reported', payload: { hazard } },
  'hazard.photoAdded': { ...base, type: 'hazard.photoAdded', payload: { hazardId: hazard.id, photoId: 'p1' } },
  'hazard.assigned': { ...base, type: 'hazard.assigned', payload: { hazardId: hazard.id, assignee: { id: 'u2', name: 'G' }, by: { id: 'u1', name: 'C' } } },
  'hazard.rectified': { ...base, type: 'hazard.rectified', payload: { hazardId: hazard.id, note: 'fixed', by: { id: 'u2', name: 'G' } } },
  'hazard.verified': { ...base, type: 'hazard.verified', payload: { hazardId: hazard.id, by: { id: 'u1', name: 'C' } } },
};

describe('stored event schemas', () => {
  it('has a schema for every event type', () => {
    expect(Object.keys(EVENT_SCHEMAS).sort()).toEqual(Object.keys(VALID).sort());
  });

  it.each(Object.values(VALID))('reads back a valid $type event unchanged', (event) => {
    expect(parseStoredEvent(event)).toEqual({ ok: true, event });
  });

  it('keeps a field the schema does not know yet', () => {
    const event = { ...VALID['alarm.raised'], payload: { alarm: { ...alarm, flaggedBy: 'a later version' } } };
    expect(parseStoredEvent(event)).toEqual({ ok: true, event });
  });

  it('reads back a drill stream', () => {
    const event = { ...VALID['alarm.held'], stream: 'drill:run-1' };
    expect(parseStoredEvent(event).ok).toBe(true);
  });

  it('refuses a bad event naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...VALID['alarm.raised'], payload: { alarm: { ...alarm, priority: 'high' } } }, /^payload\.alarm\.priority: /],
      [{ ...VALID['guard.statusChanged'], payload: { guardId: 'g1', status: 'asleep', previous: 'available' } }, /^payload\.status: /],
      [{ ...VALID['wall.tileAssigned'], payload: { monitorId: 'm1', index: 0, content: { kind: 'video' } } }, /^payload\.content\.kind: /],
      [{ ...VALID['site.zoneRemoved'], payload: {} }, /^payload\.zoneId: /],
      [{ ...VALID['alarm.resumed'], seq: '12' }, /^seq: /],
      [{ ...VALID['alarm.resumed'], stream: 'replay' }, /^stream: must be live, audit or drill:<run id>/],
      [{ ...VALID['alarm.resumed'], at: 'yesterday' }, /^at: must be an ISO-8601 date-time/],
      [{ ...VALID['alarm.resumed'], actor: { kind: 'robot', id: 'r', name: 'R' } }, /^actor\.kind: /],
      [{ ...VALID['alarm.resumed'], type: 'alarm.exploded' }, /^type: must be one of alarm\.raised, /],
    ];
    for (const [input, error] of cases) {
      const result = parseStoredEvent(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(error);
    }
  });
});
