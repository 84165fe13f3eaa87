import type { Alarm } from './types.js';

/** Alarms (报警): kinds, priorities, the state machine. Pure: no I/O. */

export const ALARM_KINDS = [
  'intrusion', // 周界入侵 perimeter beam / fence
  'vibration', // 振动光纤
  'door_forced',
  'door_held',
  'fire', // 火警 (fire panel, manual call point)
  'smoke',
  'heat',
  'panic', // 紧急按钮
  'sos', // 一键报警 from a guard
  'elevator_entrapment', // 电梯困人
  'water_leak', // 水浸
  'power_failure', // 停电
  'tamper',
  'device_fault',
  'device_offline',
  'loitering',
  'guard_silent', // 人员失联: an on-shift guard sent no fix for 3 minutes
  'restricted_entry', // 闯入禁区: a guard entered a restricted zone
  'patrol_missed', // 巡更漏检: a patrol checkpoint not checked in within its grace
  'other',
] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export const ALARM_STATES = ['new', 'acknowledged', 'on_hold', 'resolved'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

export const DISPOSITIONS = ['confirmed', 'false', 'duplicate', 'fault', 'drill'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 9;

/** Priority bands shown to people: colour, shape and word together, never colour alone. */
export type PriorityBand = 'critical' | 'high' | 'medium' | 'low';

export function priorityBand(priority: number): PriorityBand {
  if (priority <= 1) return 'critical';
  if (priority === 2) return 'high';
  if (priority === 3) return 'medium';
  return 'low';
}

/** What a kind is worth when the sender does not say. */
export const DEFAULT_PRIORITY: Record<AlarmKind, number> = {
  fire: 1,
  sos: 1,
  panic: 1,
  smoke: 2,
  heat: 2,
  intrusion: 2,
  elevator_entrapment: 2,
  door_forced: 2,
  vibration: 3,
  water_leak: 3,
  power_failure: 3,
  loitering: 3,
  tamper: 3,
  door_held: 4,
  device_fault: 5,
  device_offline: 5,
  guard_silent: 2,
  restricted_entry: 2,
  patrol_missed: 3,
  other: 4,
};

export type AlarmCommand = 'acknowledge' | 'hold' | 'resume' | 'resolve';

const TRANSITIONS: Record<AlarmCommand, { from: readonly AlarmState[]; to: AlarmState }> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  hold: { from: ['acknowledged'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'acknowledged' },
  resolve: { from: ['acknowledged', 'on_hold'], to: 'resolved' },
};

export type TransitionResult =
  | { ok: true; to: AlarmState }
  | { ok: false; error: string; code: 'invalid_state'; params: { command: AlarmCommand; state: AlarmState } };

/** The alarm state machine: new → acknowledged ⇄ on_hold → resolved. */
export function transition(from: AlarmState, command: AlarmCommand): TransitionResult {
  const rule = TRANSITIONS[command];
  if (rule.from.includes(from)) return { ok: true, to: rule.to };
  return {
    ok: false,
    error: `state: cannot ${command} an alarm that is ${from} (allowed from ${rule.from.join(' or ')})`,
    code: 'invalid_state',
    params: { command, state: from },
  };
}

export function isOpen(state: AlarmState): boolean {
  return state !== 'resolved';
}

/** Repeats of the same source and kind within this window raise the open alarm's count. */
export const DEDUPE_WINDOW_MS = 30_000;

export function dedupKey(siteId: string, sourceKey: string, kind: AlarmKind): string {
  return `${siteId}|${sourceKey}|${kind}`;
}

/**
 * Whether a new occurrence at `now` merges into an open alarm last seen at `lastAt`.
 * The window slides: each repeat extends it.
 */
export function mergesInto(open: { state: AlarmState; lastAt: string }, now: Date): boolean {
  if (!isOpen(open.state)) return false;
  const age = now.getTime() - new Date(open.lastAt).getTime();
  return age >= 0 && age <= DEDUPE_WINDOW_MS;
}

/** The alarm queue's order: open before resolved, then priority (1 first), then newest first. */
export function compareAlarms(a: Alarm, b: Alarm): number {
  const openA = a.state === 'resolved' ? 1 : 0;
  const openB = b.state === 'resolved' ? 1 : 0;
  if (openA !== openB) return openA - openB;
  if (a.priority !== b.priority) return a.priority - b.priority;
  return b.lastAt.localeCompare(a.lastAt);
}

/**
 * Escalated to the commander (a top-priority alarm nobody took in time) and still not taken:
 * not acknowledged, and in no incident — opening an incident from an alarm is taking it.
 */
export function isEscalatedUntaken(alarm: Pick<Alarm, 'state' | 'escalatedAt' | 'incidentId'>): boolean {
  return alarm.state === 'new' && Boolean(alarm.escalatedAt) && !alarm.incidentId;
}
