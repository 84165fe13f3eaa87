import type { Disposition } from './alarm.js';
import type { GuardLive, GuardStatus } from './guard.js';
import type { Actor, Alarm, Device, DeviceStatus, Site, Zone } from './types.js';
import type { AlarmText } from './texts.js';
import type { Monitor, TileContent, WallPreset, WallView } from './wall.js';

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
  | AuthLockedOut;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
/** An event before the log gives it a seq and a time. */
export type NewEvent = {
  [T in EventType]: Omit<EventOf<T>, 'seq' | 'at' | 'stream'>;
}[EventType];
