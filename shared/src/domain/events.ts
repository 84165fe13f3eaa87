import type { Disposition } from './alarm.js';
import type { Actor, Alarm } from './types.js';

/** `live`, or `drill:<runId>`: drills never mix with live operations. */
export type Stream = 'live' | `drill:${string}`;

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
  { alarmId: string; count: number; lastAt: string; priority: number; message: string }
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

export type DomainEvent =
  | AlarmRaised
  | AlarmRepeated
  | AlarmAcknowledged
  | AlarmHeld
  | AlarmResumed
  | AlarmResolved;

export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
/** An event before the log gives it a seq and a time. */
export type NewEvent = {
  [T in EventType]: Omit<EventOf<T>, 'seq' | 'at' | 'stream'>;
}[EventType];
