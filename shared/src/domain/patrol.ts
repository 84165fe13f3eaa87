import { distance } from './geo.js';
import type { Person } from './incident.js';
import type { Point } from './types.js';

/**
 * Electronic patrol (电子巡更) and hazards (隐患). Pure: types, the schedule's expansion into
 * tours, the anti-fake rule, late and missed checkpoints. No I/O.
 */

export const CHECKIN_METHODS = ['qr', 'nfc', 'arrival'] as const;
export type CheckinMethod = (typeof CHECKIN_METHODS)[number];

/** One checkpoint of a route, in walking order. */
export interface RouteCheckpoint {
  /** A device of kind `checkpoint`. */
  deviceId: string;
  /** Expected minutes from the previous checkpoint (from the tour's start for the first). */
  minutes: number;
  /** The NFC tag stuck on it, when it has one (its serial number or the text it carries). */
  nfcTagId: string | null;
}

/**
 * When tours start: every `everyMinutes` from `start` until `end` (local times `HH:MM` in
 * `timeZone`). An `end` at or before `start` runs past midnight; equal is all day.
 */
export interface PatrolSchedule {
  timeZone: string;
  start: string;
  end: string;
  everyMinutes: number;
}

/** A patrol route (巡更路线): reference data, shared by every stream. */
export interface PatrolRoute {
  id: string;
  siteId: string;
  name: string;
  nameEn: string | null;
  checkpoints: RouteCheckpoint[];
  schedule: PatrolSchedule;
  /** Who walks it: a guard of the roster, or a post (岗位) named in words; neither is anyone on the site. */
  guardId: string | null;
  post: string | null;
  /** Metres around a checkpoint that count as being there (arrival check-ins, the anti-fake rule). */
  radiusM: number;
  /** May a guard check in by arriving within the radius, without a scan? */
  allowArrival: boolean;
  /** Minutes after a checkpoint's due time before it is missed and the alarm raised. */
  graceMinutes: number;
  active: boolean;
}

/** A checkpoint of one tour: when it is due and what happened there. */
export interface TourCheckpoint {
  deviceId: string;
  dueAt: string;
  checkedAt: string | null;
  method: CheckinMethod | null;
  /** The anti-fake rule: the guard's own positions were never near it around the scan. */
  flagged: boolean;
  /** Checked in after its due time plus grace. */
  late: boolean;
  /** The scheduler saw its grace pass with no check-in (once). */
  missedAt: string | null;
}

/** One walk of a route (巡更任务), expanded from its schedule; the route's rules copied at expansion. */
export interface PatrolTour {
  id: string;
  routeId: string;
  siteId: string;
  name: string;
  nameEn: string | null;
  guardId: string | null;
  post: string | null;
  startsAt: string;
  radiusM: number;
  allowArrival: boolean;
  graceMinutes: number;
  checkpoints: TourCheckpoint[];
}

export const HAZARD_STATES = ['open', 'assigned', 'rectified', 'verified'] as const;
export type HazardState = (typeof HAZARD_STATES)[number];

/** A hazard (隐患) found on patrol or anywhere: open → assigned → rectified → verified. */
export interface Hazard {
  id: string;
  siteId: string;
  state: HazardState;
  note: string;
  location: { position: Point; floor: number } | null;
  deviceId: string | null;
  tourId: string | null;
  reportedBy: Person;
  reportedAt: string;
  assignee: Person | null;
  assignedAt: string | null;
  rectifiedAt: string | null;
  rectifyNote: string | null;
  verifiedAt: string | null;
  verifiedBy: Person | null;
  photoIds: string[];
}

export const MAX_HAZARD_PHOTOS = 6;
/** Minutes either side of a scan in which the guard's positions must come near the checkpoint. */
export const ANTI_FAKE_WINDOW_MIN = 3;
/** The text a checkpoint's QR label carries. */
export const CHECKPOINT_QR_PREFIX = 'VIGIL-CP:';

export const checkpointQrText = (deviceId: string): string => `${CHECKPOINT_QR_PREFIX}${deviceId}`;
/** The checkpoint a scanned label names, or null when it is not a Vigil checkpoint label. */
export function checkpointFromQr(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(CHECKPOINT_QR_PREFIX)) return null;
  const id = trimmed.slice(CHECKPOINT_QR_PREFIX.length);
  return /^[\w.:-]{1,64}$/.test(id) ? id : null;
}

// ---------------------------------------------------------------------------------------------
// Time zones without a library: the offset of a zone at an instant, read from Intl.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const parts = formatterOf(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour') % 24, minute: part('minute') };
}

/** Milliseconds the zone's wall clock is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** The instant a wall-clock time happens in a zone (a time skipped by DST moves on by the gap). */
export function zonedTime(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, 0, minutes);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new Error(`not a time of day: ${value}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes a schedule's window lasts each day (past midnight when end ≤ start; 24 h when equal). */
export function windowMinutes(schedule: Pick<PatrolSchedule, 'start' | 'end'>): number {
  const length = (parseClock(schedule.end) - parseClock(schedule.start) + 1440) % 1440;
  return length === 0 ? 1440 : length;
}

/**
 * The tours' start times in `[from, to)`: each local day's window from `start`, every
 * `everyMinutes` while before `end`. A window that starts on one day and ends on the next
 * belongs to the day it starts on.
 */
export function expandSchedule(schedule: PatrolSchedule, from: Date, to: Date): Date[] {
  const startMin = parseClock(schedule.start);
  const length = windowMinutes(schedule);
  const every = Math.max(1, schedule.everyMinutes);
  const starts: Date[] = [];
  // From the local day before `from` (its window may run past midnight into `from`) to `to`'s.
  const first = localParts(new Date(from.getTime() - 86_400_000), schedule.timeZone);
  let day = new Date(Date.UTC(first.year, first.month - 1, first.day));
  const lastDay = localParts(to, schedule.timeZone);
  const end = Date.UTC(lastDay.year, lastDay.month - 1, lastDay.day);
  while (day.getTime() <= end) {
    const windowStart = zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), startMin, schedule.timeZone);
    for (let offset = 0; offset < length; offset += every) {
      const at = new Date(windowStart.getTime() + offset * 60_000);
      if (at >= from && at < to) starts.push(at);
    }
    day = new Date(day.getTime() + 86_400_000);
  }
  return starts;
}

/** The due time of each checkpoint of a tour starting at `startsAt`. */
export function checkpointDueTimes(checkpoints: readonly Pick<RouteCheckpoint, 'minutes'>[], startsAt: Date): Date[] {
  let at = startsAt.getTime();
  return checkpoints.map((checkpoint) => {
    at += checkpoint.minutes * 60_000;
    return new Date(at);
  });
}

/** A route's tour starting at `startsAt`, every checkpoint still to walk. */
export function tourOf(route: PatrolRoute, id: string, startsAt: Date): PatrolTour {
  const due = checkpointDueTimes(route.checkpoints, startsAt);
  return {
    id,
    routeId: route.id,
    siteId: route.siteId,
    name: route.name,
    nameEn: route.nameEn,
    guardId: route.guardId,
    post: route.post,
    startsAt: startsAt.toISOString(),
    radiusM: route.radiusM,
    allowArrival: route.allowArrival,
    graceMinutes: route.graceMinutes,
    checkpoints: route.checkpoints.map((checkpoint, index) => ({
      deviceId: checkpoint.deviceId,
      dueAt: due[index]!.toISOString(),
      checkedAt: null,
      method: null,
      flagged: false,
      late: false,
      missedAt: null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Late, missed, progress.

const graceMs = (tour: Pick<PatrolTour, 'graceMinutes'>) => tour.graceMinutes * 60_000;

/** When a checkpoint is missed if nobody checks in: its due time plus the tour's grace. */
export const missedAfter = (tour: Pick<PatrolTour, 'graceMinutes'>, checkpoint: Pick<TourCheckpoint, 'dueAt'>): Date =>
  new Date(Date.parse(checkpoint.dueAt) + graceMs(tour));

/** The checkpoints (by index) whose grace has passed at `now` with no check-in and no miss recorded yet. */
export function newlyMissed(tour: PatrolTour, now: Date): number[] {
  const missed: number[] = [];
  tour.checkpoints.forEach((checkpoint, index) => {
    if (!checkpoint.checkedAt && !checkpoint.missedAt && missedAfter(tour, checkpoint) <= now) missed.push(index);
  });
  return missed;
}

/** A check-in at `scannedAt` is late when it comes after the due time plus grace. */
export const isLateScan = (tour: Pick<PatrolTour, 'graceMinutes'>, checkpoint: Pick<TourCheckpoint, 'dueAt'>, scannedAt: Date): boolean =>
  scannedAt > missedAfter(tour, checkpoint);

export type TourStatus = 'upcoming' | 'in_progress' | 'done';

/** Upcoming before its start; done once every checkpoint is checked in or missed. */
export function tourStatus(tour: PatrolTour, now: Date): TourStatus {
  if (tour.checkpoints.every((checkpoint) => checkpoint.checkedAt || checkpoint.missedAt)) return 'done';
  return Date.parse(tour.startsAt) > now.getTime() ? 'upcoming' : 'in_progress';
}

/** The first checkpoint not yet checked in (missed ones are passed over: the guard walks on). */
export function nextCheckpointIndex(tour: PatrolTour): number | null {
  const index = tour.checkpoints.findIndex((checkpoint) => !checkpoint.checkedAt && !checkpoint.missedAt);
  return index < 0 ? null : index;
}

/** Checked-in checkpoints over all of them (巡查覆盖率), 0 to 1. */
export function tourCoverage(tour: Pick<PatrolTour, 'checkpoints'>): number {
  if (tour.checkpoints.length === 0) return 1;
  return tour.checkpoints.filter((checkpoint) => checkpoint.checkedAt).length / tour.checkpoints.length;
}

export const tourEndsAt = (tour: PatrolTour): string => tour.checkpoints.at(-1)?.dueAt ?? tour.startsAt;

// ---------------------------------------------------------------------------------------------
// The anti-fake rule (杜绝虚假巡逻).

export interface TrackFix {
  at: string;
  position: Point;
  floor: number;
}

export interface CheckinJudgement {
  /** True when no fix of the guard's within the window came within the radius on the checkpoint's floor. */
  flagged: boolean;
  /** The nearest the guard's fixes came (same floor), in metres; null with no fix at all. */
  nearestM: number | null;
  fixes: number;
}

/**
 * A check-in is believed when at least one of the guard's own stored positions within
 * ANTI_FAKE_WINDOW_MIN minutes of the scan is within the radius on the checkpoint's floor.
 * No positions at all is flagged too: a phone that reports nothing proves nothing.
 */
export function judgeCheckin(
  checkpoint: { position: Point; floor: number },
  radiusM: number,
  scannedAt: Date,
  track: readonly TrackFix[],
  windowMin = ANTI_FAKE_WINDOW_MIN,
): CheckinJudgement {
  const from = scannedAt.getTime() - windowMin * 60_000;
  const to = scannedAt.getTime() + windowMin * 60_000;
  let nearest: number | null = null;
  let fixes = 0;
  for (const fix of track) {
    const at = Date.parse(fix.at);
    if (at < from || at > to) continue;
    fixes += 1;
    if (fix.floor !== checkpoint.floor) continue;
    const metres = distance(fix.position, checkpoint.position);
    if (nearest === null || metres < nearest) nearest = metres;
  }
  return { flagged: nearest === null || nearest > radiusM, nearestM: nearest === null ? null : Math.round(nearest * 10) / 10, fixes };
}

export const isOpenHazard = (hazard: Pick<Hazard, 'state'>): boolean => hazard.state !== 'verified';

/** The next state a hazard may move to by each command, and from which. */
export const HAZARD_TRANSITIONS = {
  assign: { from: ['open', 'assigned'], to: 'assigned' },
  rectify: { from: ['open', 'assigned'], to: 'rectified' },
  verify: { from: ['rectified'], to: 'verified' },
} as const satisfies Record<string, { from: readonly HazardState[]; to: HazardState }>;
export type HazardCommand = keyof typeof HAZARD_TRANSITIONS;
