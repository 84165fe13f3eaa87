import type { Actor } from './types.js';
import type { AlarmKind, AlarmState } from './alarm.js';
import type { GuardStatus } from './guard.js';
import type { IncidentState } from './incident.js';
import type { IncidentLevel, IncidentType } from './plan.js';

/*
 * The department's records (issue #12): the audit log (操作日志) and the shift handover (交接班).
 */

/**
 * What the audit log filters by. Every entry is one event: of the `audit` stream (logins, failed
 * logins, lockouts, logouts, user and key management, exports) or a person's command on any
 * other stream (live, or a drill's: marked as drill).
 */
export const AUDIT_KINDS = ['login', 'login_failed', 'lockout', 'logout', 'admin', 'export', 'command'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One line of the audit log as the API sends it. */
export interface AuditEntry {
  seq: number;
  at: string;
  stream: string;
  /** A command given on a drill's stream (演练). */
  drill: boolean;
  kind: AuditKind;
  siteId: string;
  type: string;
  actor: Actor;
  /** The event's scalar fields and the ids of the things it names (not its whole payload). */
  details: Record<string, string | number | boolean | null>;
}

/** What an admin changed (`admin.changed`, the audit stream). */
export const ADMIN_SUBJECTS = ['user', 'apiKey', 'plan'] as const;
export type AdminSubject = (typeof ADMIN_SUBJECTS)[number];
export const ADMIN_ACTIONS = [
  'created',
  'passwordReset',
  'passwordChanged',
  'disabled',
  'enabled',
  'sitesChanged',
  'sessionRevoked',
  'revoked',
  'published',
  'retired',
] as const;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];

/** What the server served as a file (`data.exported`, the audit stream). */
export const EXPORT_KINDS = ['alarms.csv', 'audit.csv', 'site.geojson', 'plans.json'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export interface HandoverPerson {
  id: string;
  name: string;
}

/** An open alarm as the outgoing officer handed it over. */
export interface HandoverAlarm {
  id: string;
  kind: AlarmKind;
  priority: number;
  state: AlarmState;
  message: string;
  zoneId: string | null;
  firstAt: string;
}
export interface HandoverIncident {
  id: string;
  number: string;
  title: string;
  type: IncidentType;
  level: IncidentLevel;
  state: IncidentState;
  openedAt: string;
}
export interface HandoverGuard {
  id: string;
  callsign: string;
  name: string;
  status: GuardStatus;
}
/** A hazard still open (隐患), from the patrol records when they exist. */
export interface HandoverHazard {
  id: string;
  title: string;
  state: string;
  reportedAt: string;
}
/** A patrol due in the coming shift (巡更), from the patrol records when they exist. */
export interface HandoverPatrol {
  id: string;
  name: string;
  dueAt: string;
}

/** Each list holds at most HANDOVER_LIST_MAX items; `counts` says how many there were. */
export const HANDOVER_LIST_MAX = 100;

/** What was open when the shift was handed over, composed by the server. */
export interface HandoverSummary {
  alarms: HandoverAlarm[];
  incidents: HandoverIncident[];
  guardsOnDuty: HandoverGuard[];
  hazardsOpen: HandoverHazard[];
  patrolsDue: HandoverPatrol[];
  counts: { alarms: number; incidents: number; guardsOnDuty: number; hazardsOpen: number; patrolsDue: number };
}

/** A shift handover (交接班): opened by the outgoing officer, acknowledged by the incoming one. */
export interface Handover {
  id: string;
  siteId: string;
  stream: string;
  from: HandoverPerson;
  /** The officer it is handed to; null: any other duty officer of the site may acknowledge. */
  to: HandoverPerson | null;
  note: string | null;
  openedAt: string;
  summary: HandoverSummary;
  acknowledgedAt: string | null;
  acknowledgedBy: HandoverPerson | null;
  acknowledgeNote: string | null;
}
