import type { AlarmKind, Disposition } from './alarm.js';
import type { Bilingual, IncidentType } from './plan.js';

/**
 * The site report (数据分析与报告): what `GET /api/v1/reports` answers. Every figure is computed
 * by SQL over the stored tables of the live stream (drill streams never count); the previous
 * period's figures stand beside the current ones.
 */

export const REPORT_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/**
 * The targets the department's plans set (DOMAIN.md), in one place: the server reports each
 * figure against them and the screen colours its tiles by them. Times are in seconds, rates 0–1.
 */
export const REPORT_TARGETS = {
  /** 90% of alarms acknowledged within a minute of arriving. */
  acknowledgeP90Sec: 60,
  /** 90% of alarms resolved within 30 minutes. */
  resolveP90Sec: 30 * 60,
  /** Half the incidents with a guard on scene within 5 minutes of opening. */
  incidentResponseP50Sec: 5 * 60,
  /** A guard answers a dispatch within a minute (P90). */
  dispatchAcceptP90Sec: 60,
  /** At most one alarm in five judged false. */
  falseAlarmRateMax: 0.2,
  /** Emergency response 30% faster than the period before (应急响应速度提升30%). */
  responseImprovement: 0.3,
  /** Patrol coverage 100% (巡查覆盖率). */
  patrolCoverage: 1,
  /** Hazard rectification 100% (隐患整改率). */
  hazardRectification: 1,
} as const;

/**
 * The p-th percentile (0 ≤ p ≤ 1) by linear interpolation between the closest ranks, as
 * PostgreSQL's `percentile_cont` computes it: rank p·(n−1) in the sorted values. Null for no values.
 */
export function percentileCont(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** How much faster `current` is than `previous` (0.3 = 30% faster); null when either is missing or previous is 0. */
export function improvement(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous <= 0) return null;
  return (previous - current) / previous;
}

/** P50 and P90 of one duration, in seconds, and how many values they were taken over. */
export interface Durations {
  count: number;
  p50: number | null;
  p90: number | null;
}

export interface ReportAlarmSummary {
  total: number;
  /** Resolved with each disposition. */
  byDisposition: Record<Disposition, number>;
  /** Judged false over all resolved with a disposition (0–1); null when none was resolved. */
  falseRate: number | null;
  acknowledge: Durations;
  resolve: Durations;
}

export interface ReportIncidentSummary {
  total: number;
  /** Opened → first guard on scene. */
  response: Durations;
  /** Opened → resolved. */
  resolve: Durations;
}

export interface ReportDispatchSummary {
  sent: number;
  declined: number;
  unanswered: number;
  /** Sent → accepted. */
  accept: Durations;
  /** Sent → en route (turnout, 出动). */
  turnout: Durations;
  /** En route → on scene. */
  travel: Durations;
}

export interface ReportFigures {
  alarms: ReportAlarmSummary;
  incidents: ReportIncidentSummary;
  dispatches: ReportDispatchSummary;
}

export interface ReportKindRow {
  kind: AlarmKind;
  count: number;
  previous: number;
}

export interface ReportZoneRow {
  /** Null: alarms of no zone. */
  zoneId: string | null;
  name: Bilingual | null;
  count: number;
  previous: number;
}

export interface ReportDeviceRow {
  deviceId: string;
  name: Bilingual | null;
  total: number;
  byDisposition: Record<Disposition, number>;
  /** False over all the device's alarms (0–1). */
  falseRate: number;
}

export interface ReportIncidentTypeRow {
  type: IncidentType;
  count: number;
  previous: number;
  response: Durations;
  resolve: Durations;
}

export interface ReportDrillRow {
  id: string;
  name: Bilingual;
  mode: string;
  state: string;
  startedAt: string;
  endedAt: string | null;
  /** 0–100; null while the drill is not evaluated. */
  score: number | null;
  grade: string | null;
}

/** A section another part of Vigil fills (patrols, hazards): `available: false` until it does. */
export type ReportPatrolSection =
  | { available: false }
  | { available: true; planned: number; completed: number; missed: number; late: number; coverage: number | null; previousCoverage: number | null };

export type ReportHazardSection =
  | { available: false }
  | { available: true; found: number; rectified: number; verified: number; rectification: number | null; previousRectification: number | null };

export interface SiteReport {
  siteId: string;
  siteName: Bilingual;
  period: ReportPeriod;
  /** The control room's time zone the period's days and the heat map's hours are in. */
  timeZone: string;
  /** The period, [from, to), and the one before it, as ISO instants. */
  from: string;
  to: string;
  previousFrom: string;
  previousTo: string;
  current: ReportFigures;
  previous: ReportFigures;
  byKind: ReportKindRow[];
  byZone: ReportZoneRow[];
  /** Alarms by weekday (1 Monday … 7 Sunday) and hour (0–23) in the time zone: 7 rows of 24. */
  heatMap: number[][];
  /** The noisiest devices first (most judged false, then most alarms), at most `REPORT_DEVICE_ROWS`. */
  devices: ReportDeviceRow[];
  incidentTypes: ReportIncidentTypeRow[];
  drills: ReportDrillRow[];
  patrol: ReportPatrolSection;
  hazards: ReportHazardSection;
  targets: typeof REPORT_TARGETS;
}

/** The most device rows a report lists. */
export const REPORT_DEVICE_ROWS = 20;
