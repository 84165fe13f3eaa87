import { sql } from 'drizzle-orm';
import { boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CheckinMethod, HazardState, Point, RouteCheckpoint } from '@vigil/shared';
import { sites } from './sites.js';

/*
 * Electronic patrol (电子巡更) and hazards (隐患). Routes are reference data (shared by every
 * stream); tours, their checkpoints, check-ins and hazards are operational state, kept per
 * stream. Every row is a projection of the event log (patrol.* and hazard.* events). Due times
 * are columns, so the scheduler finds a missed checkpoint with an index after any restart.
 * The reports read these tables: names say what they hold.
 */

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A route: ordered checkpoints, the schedule (local times in `time_zone`), who walks it. */
export const patrolRoutes = pgTable('patrol_routes', {
  id: uuid('id').primaryKey(),
  siteId: text('site_id')
    .notNull()
    .references(() => sites.id),
  name: text('name').notNull(),
  nameEn: text('name_en'),
  checkpoints: jsonb('checkpoints').$type<RouteCheckpoint[]>().notNull(),
  timeZone: text('time_zone').notNull(),
  startTime: text('start_time').notNull(),
  endTime: text('end_time').notNull(),
  everyMinutes: integer('every_minutes').notNull(),
  guardId: text('guard_id'),
  post: text('post'),
  radiusM: doublePrecision('radius_m').notNull(),
  allowArrival: boolean('allow_arrival').notNull(),
  graceMinutes: integer('grace_minutes').notNull(),
  active: boolean('active').notNull(),
  /** Retired routes stay for the tours that name them. */
  removedAt: tz('removed_at'),
  /** Tours have been expanded up to here (the scheduler's own bookkeeping). */
  scheduledUntil: tz('scheduled_until'),
  updatedAt: tz('updated_at').notNull(),
});

/** One walk of a route, expanded from its schedule. */
export const patrolTours = pgTable(
  'patrol_tours',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').notNull(),
    siteId: text('site_id').notNull(),
    routeId: uuid('route_id')
      .notNull()
      .references(() => patrolRoutes.id),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    guardId: text('guard_id'),
    post: text('post'),
    startsAt: tz('starts_at').notNull(),
    /** The last checkpoint's due time. */
    endsAt: tz('ends_at').notNull(),
    radiusM: doublePrecision('radius_m').notNull(),
    allowArrival: boolean('allow_arrival').notNull(),
    graceMinutes: integer('grace_minutes').notNull(),
    checkpointCount: integer('checkpoint_count').notNull(),
    checkedCount: integer('checked_count').notNull().default(0),
    missedCount: integer('missed_count').notNull().default(0),
    flaggedCount: integer('flagged_count').notNull().default(0),
    lateCount: integer('late_count').notNull().default(0),
    /**
     * The route was changed (its tours not yet begun) or retired (every tour not done): nobody
     * is expected any more, so no checkpoint of it is missed. The row stays, with what was checked.
     */
    cancelledAt: tz('cancelled_at'),
  },
  (table) => [
    // One tour per route and start, among those not cancelled: a changed route's tours come again.
    uniqueIndex('patrol_tours_route_start_idx').on(table.stream, table.routeId, table.startsAt).where(sql`${table.cancelledAt} is null`),
    index('patrol_tours_site_start_idx').on(table.stream, table.siteId, table.startsAt),
  ],
);

/** Each checkpoint of a tour with its due time; `missed_at` is set once, by the scheduler. */
export const patrolTourCheckpoints = pgTable(
  'patrol_tour_checkpoints',
  {
    tourId: uuid('tour_id')
      .notNull()
      .references(() => patrolTours.id),
    position: integer('position').notNull(),
    stream: text('stream').notNull(),
    siteId: text('site_id').notNull(),
    deviceId: text('device_id').notNull(),
    dueAt: tz('due_at').notNull(),
    /** When the nobody-came timer fires: due time plus the tour's grace. */
    missAt: tz('miss_at').notNull(),
    checkedAt: tz('checked_at'),
    method: text('method').$type<CheckinMethod>(),
    flagged: boolean('flagged').notNull().default(false),
    late: boolean('late').notNull().default(false),
    missedAt: tz('missed_at'),
    alarmId: uuid('alarm_id'),
  },
  (table) => [primaryKey({ columns: [table.tourId, table.position] }), index('patrol_tour_checkpoints_miss_idx').on(table.missedAt, table.checkedAt, table.missAt)],
);

/** Every check-in as it came (one per `client_id`: a queue flushed twice counts once). */
export const patrolCheckins = pgTable(
  'patrol_checkins',
  {
    id: uuid('id').primaryKey(),
    clientId: text('client_id').notNull(),
    stream: text('stream').notNull(),
    siteId: text('site_id').notNull(),
    tourId: uuid('tour_id')
      .notNull()
      .references(() => patrolTours.id),
    position: integer('position').notNull(),
    deviceId: text('device_id').notNull(),
    guardId: text('guard_id').notNull(),
    userId: text('user_id').notNull(),
    method: text('method').$type<CheckinMethod>().notNull(),
    /** The phone's time of the scan; `received_at` is the server's when it arrived. */
    scannedAt: tz('scanned_at').notNull(),
    receivedAt: tz('received_at').notNull(),
    flagged: boolean('flagged').notNull(),
    late: boolean('late').notNull(),
    /** The nearest the guard's own positions came within the anti-fake window (metres). */
    nearestM: doublePrecision('nearest_m'),
  },
  (table) => [uniqueIndex('patrol_checkins_client_idx').on(table.stream, table.clientId), index('patrol_checkins_tour_idx').on(table.tourId)],
);

/** A hazard (隐患): open → assigned → rectified → verified. */
export const hazards = pgTable(
  'hazards',
  {
    id: uuid('id').primaryKey(),
    stream: text('stream').notNull(),
    siteId: text('site_id')
      .notNull()
      .references(() => sites.id),
    state: text('state').$type<HazardState>().notNull(),
    note: text('note').notNull(),
    position: jsonb('position').$type<Point>(),
    floor: integer('floor'),
    deviceId: text('device_id'),
    tourId: uuid('tour_id'),
    reportedById: text('reported_by_id').notNull(),
    reportedByName: text('reported_by_name').notNull(),
    reportedAt: tz('reported_at').notNull(),
    assigneeId: text('assignee_id'),
    assigneeName: text('assignee_name'),
    assignedAt: tz('assigned_at'),
    rectifiedAt: tz('rectified_at'),
    rectifyNote: text('rectify_note'),
    verifiedAt: tz('verified_at'),
    verifiedById: text('verified_by_id'),
    verifiedByName: text('verified_by_name'),
    photoIds: uuid('photo_ids').array().notNull().default([]),
  },
  (table) => [index('hazards_site_state_idx').on(table.stream, table.siteId, table.state)],
);

/** A hazard's photos, checked by their bytes (JPEG, PNG, WebP) and bounded in size. */
export const hazardPhotos = pgTable('hazard_photos', {
  id: uuid('id').primaryKey(),
  hazardId: uuid('hazard_id')
    .notNull()
    .references(() => hazards.id),
  stream: text('stream').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  takenById: text('taken_by_id').notNull(),
  createdAt: tz('created_at').notNull(),
});
