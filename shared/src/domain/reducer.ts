import type { DomainEvent, EventOf, EventType } from './events.js';
import type { GuardLive } from './guard.js';
import type { Alarm, Device, Site, Zone } from './types.js';
import { withReleased, withTile, type Monitor, type WallPreset } from './wall.js';

/** Operational state of one stream, as every screen sees it. Positions are a separate lane. */
export interface LiveState {
  /** The seq of the last event applied. */
  seq: number;
  alarms: Record<string, Alarm>;
  sites: Record<string, Site>;
  guards: Record<string, GuardLive>;
  monitors: Record<string, Monitor>;
  presets: Record<string, WallPreset>;
}

export function emptyState(): LiveState {
  return { seq: 0, alarms: {}, sites: {}, guards: {}, monitors: {}, presets: {} };
}

type Handler<T extends EventType> = (state: LiveState, event: EventOf<T>) => LiveState;

function updateAlarm(state: LiveState, alarmId: string, patch: (alarm: Alarm) => Alarm): LiveState {
  const alarm = state.alarms[alarmId];
  if (!alarm) return state;
  return { ...state, alarms: { ...state.alarms, [alarmId]: patch(alarm) } };
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
  const guard = state.guards[guardId];
  if (!guard) return state;
  return { ...state, guards: { ...state.guards, [guardId]: patch(guard) } };
}

function updateMonitor(state: LiveState, monitorId: string, patch: (monitor: Monitor) => Monitor): LiveState {
  const monitor = state.monitors[monitorId];
  if (!monitor) return state;
  return { ...state, monitors: { ...state.monitors, [monitorId]: patch(monitor) } };
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
  'alarm.raised': (state, { payload }) => ({
    ...state,
    // Alarms raised before texts had codes carry no `text`.
    alarms: { ...state.alarms, [payload.alarm.id]: { ...payload.alarm, text: payload.alarm.text ?? null } },
  }),
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
    updateAlarm(state, payload.alarmId, (alarm) => ({
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
  'guard.saved': (state, { payload }) => ({ ...state, guards: { ...state.guards, [payload.guard.id]: payload.guard } }),
  'guard.statusChanged': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) => ({ ...guard, status: payload.status })),
  'guard.zoneEntered': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) =>
      guard.zoneIds.includes(payload.zoneId) ? guard : { ...guard, zoneIds: [...guard.zoneIds, payload.zoneId] },
    ),
  'guard.zoneExited': (state, { payload }) =>
    updateGuard(state, payload.guardId, (guard) => ({ ...guard, zoneIds: guard.zoneIds.filter((id) => id !== payload.zoneId) })),
  'guard.removed': (state, { payload }) => ({ ...state, guards: without(state.guards, payload.guardId) }),
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
};

/**
 * The one reducer for live, replay and drill. Events at or below the state's seq are
 * ignored, so a delivery that repeats an event changes nothing.
 */
export function applyEvent(state: LiveState, event: DomainEvent): LiveState {
  if (event.seq <= state.seq) return state;
  const handler = handlers[event.type] as Handler<typeof event.type>;
  return { ...handler(state, event), seq: event.seq };
}

export function applyEvents(state: LiveState, events: readonly DomainEvent[]): LiveState {
  return events.reduce(applyEvent, state);
}

/** Keep every open alarm and only the `keep` most recently resolved ones. */
export function pruneResolved(state: LiveState, keep: number): LiveState {
  const resolved = Object.values(state.alarms)
    .filter((alarm) => alarm.state === 'resolved')
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  if (resolved.length <= keep) return state;
  const alarms = { ...state.alarms };
  for (const alarm of resolved.slice(keep)) delete alarms[alarm.id];
  return { ...state, alarms };
}
