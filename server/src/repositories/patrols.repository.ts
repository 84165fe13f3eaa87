import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, min, or, sql } from 'drizzle-orm';
import type { Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { hazardPhotos, hazards, patrolCheckins, patrolRoutes, patrolTourCheckpoints, patrolTours, positions } from '../db/schema/index.js';

/* Patrol routes, tours, their checkpoints and check-ins, and hazards with their photos. */

export type PatrolRouteRow = typeof patrolRoutes.$inferSelect;
export type PatrolTourRow = typeof patrolTours.$inferSelect;
export type TourCheckpointRow = typeof patrolTourCheckpoints.$inferSelect;
export type CheckinRow = typeof patrolCheckins.$inferSelect;
export type HazardRow = typeof hazards.$inferSelect;
export type HazardPhotoRow = typeof hazardPhotos.$inferSelect;

// Routes ---------------------------------------------------------------------------------------

export function routeInsert(db: Executor, row: typeof patrolRoutes.$inferInsert) {
  return db.insert(patrolRoutes).values(row).returning({ id: patrolRoutes.id });
}

export function routeUpdate(db: Executor, id: string, patch: Partial<typeof patrolRoutes.$inferInsert>) {
  return db
    .update(patrolRoutes)
    .set(patch)
    .where(and(eq(patrolRoutes.id, id), isNull(patrolRoutes.removedAt)))
    .returning({ id: patrolRoutes.id });
}

export async function findRoute(db: Executor, id: string): Promise<PatrolRouteRow | undefined> {
  const [row] = await db.select().from(patrolRoutes).where(and(eq(patrolRoutes.id, id), isNull(patrolRoutes.removedAt)));
  return row;
}

/** A route, retired or not (a tour names its route for good). */
export async function findRouteAnyState(db: Executor, id: string): Promise<PatrolRouteRow | undefined> {
  const [row] = await db.select().from(patrolRoutes).where(eq(patrolRoutes.id, id));
  return row;
}

export async function listRoutes(db: Executor, siteIds: readonly string[] | null): Promise<PatrolRouteRow[]> {
  return db
    .select()
    .from(patrolRoutes)
    .where(and(isNull(patrolRoutes.removedAt), siteIds ? inArray(patrolRoutes.siteId, [...siteIds]) : undefined))
    .orderBy(asc(patrolRoutes.name), asc(patrolRoutes.id));
}

/** Active routes whose tours are expanded to before `until` (or not at all yet). */
export async function routesToExpand(db: Executor, until: Date, limit: number, onlyId?: string): Promise<PatrolRouteRow[]> {
  return db
    .select()
    .from(patrolRoutes)
    .where(
      and(
        isNull(patrolRoutes.removedAt),
        eq(patrolRoutes.active, true),
        or(isNull(patrolRoutes.scheduledUntil), lt(patrolRoutes.scheduledUntil, until)),
        onlyId ? eq(patrolRoutes.id, onlyId) : undefined,
      ),
    )
    .orderBy(asc(patrolRoutes.id))
    .limit(limit);
}

/** The earliest `scheduled_until` of the active routes; a route never expanded counts as due at the epoch. */
export async function earliestScheduledUntil(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(sql<Date>`coalesce(${patrolRoutes.scheduledUntil}, 'epoch'::timestamptz)`) })
    .from(patrolRoutes)
    .where(and(isNull(patrolRoutes.removedAt), eq(patrolRoutes.active, true)));
  return row?.at ? new Date(row.at) : null;
}

// Tours ----------------------------------------------------------------------------------------

/** A tour unless its route already has one at that start (another node, a second round). */
export function tourInsertUnlessExists(db: Executor, row: typeof patrolTours.$inferInsert) {
  return db.insert(patrolTours).values(row).onConflictDoNothing().returning({ id: patrolTours.id });
}

export async function insertTourCheckpoints(db: Executor, rows: (typeof patrolTourCheckpoints.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(patrolTourCheckpoints).values(rows);
}

export async function findTourRow(db: Executor, stream: Stream, id: string): Promise<PatrolTourRow | undefined> {
  const [row] = await db.select().from(patrolTours).where(and(eq(patrolTours.id, id), eq(patrolTours.stream, stream)));
  return row;
}

export async function checkpointsOf(db: Executor, tourIds: readonly string[]): Promise<TourCheckpointRow[]> {
  if (tourIds.length === 0) return [];
  return db
    .select()
    .from(patrolTourCheckpoints)
    .where(inArray(patrolTourCheckpoints.tourId, [...tourIds]))
    .orderBy(asc(patrolTourCheckpoints.tourId), asc(patrolTourCheckpoints.position));
}

export async function listTourRows(
  db: Executor,
  stream: Stream,
  filter: { siteIds: readonly string[] | null; from?: Date; to?: Date; guardId?: string | null; limit: number },
): Promise<PatrolTourRow[]> {
  return db
    .select()
    .from(patrolTours)
    .where(
      and(
        eq(patrolTours.stream, stream),
        notCancelled,
        filter.siteIds ? inArray(patrolTours.siteId, [...filter.siteIds]) : undefined,
        filter.from ? gte(patrolTours.endsAt, filter.from) : undefined,
        filter.to ? lt(patrolTours.startsAt, filter.to) : undefined,
        filter.guardId !== undefined ? (filter.guardId === null ? isNull(patrolTours.guardId) : eq(patrolTours.guardId, filter.guardId)) : undefined,
      ),
    )
    .orderBy(asc(patrolTours.startsAt), asc(patrolTours.id))
    .limit(filter.limit);
}

const tourDone = sql`${patrolTours.checkedCount} + ${patrolTours.missedCount} >= ${patrolTours.checkpointCount}`;
const notCancelled = isNull(patrolTours.cancelledAt);

/** A route's tours to cancel (see patrol.toursCancelled): those not begun at `now`, or with `running` every one not done. */
export async function routeToursToCancel(db: Executor, routeId: string, now: Date, running: boolean): Promise<{ id: string; guardId: string | null }[]> {
  return db
    .select({ id: patrolTours.id, guardId: patrolTours.guardId })
    .from(patrolTours)
    .where(and(eq(patrolTours.routeId, routeId), notCancelled, running ? sql`not (${tourDone})` : sql`${patrolTours.startsAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(patrolTours.startsAt));
}

export function toursCancel(db: Executor, tourIds: readonly string[], now: Date) {
  return db
    .update(patrolTours)
    .set({ cancelledAt: now })
    .where(and(inArray(patrolTours.id, [...tourIds]), notCancelled))
    .returning({ id: patrolTours.id });
}

/** The tours a projected state holds: every one not done, and the `keep` done ones that ended last. */
export async function toursForSnapshot(db: Executor, stream: Stream, keep: number): Promise<PatrolTourRow[]> {
  const open = await db.select().from(patrolTours).where(and(eq(patrolTours.stream, stream), notCancelled, sql`not (${tourDone})`));
  const done = await db
    .select()
    .from(patrolTours)
    .where(and(eq(patrolTours.stream, stream), notCancelled, tourDone))
    .orderBy(desc(patrolTours.endsAt), desc(patrolTours.id))
    .limit(keep);
  return [...open, ...done];
}

/** A checkpoint checked in: only while nobody has checked it in yet. */
export function checkpointCheckedUpdate(db: Executor, tourId: string, position: number, patch: { checkedAt: Date; method: TourCheckpointRow['method']; flagged: boolean; late: boolean }) {
  return db
    .update(patrolTourCheckpoints)
    .set(patch)
    .where(and(eq(patrolTourCheckpoints.tourId, tourId), eq(patrolTourCheckpoints.position, position), isNull(patrolTourCheckpoints.checkedAt)))
    .returning({ tourId: patrolTourCheckpoints.tourId, missedAt: patrolTourCheckpoints.missedAt });
}

export async function bumpTourCounts(db: Executor, tourId: string, counts: { checked?: number; missed?: number; flagged?: number; late?: number }): Promise<void> {
  await db
    .update(patrolTours)
    .set({
      checkedCount: sql`${patrolTours.checkedCount} + ${counts.checked ?? 0}`,
      missedCount: sql`${patrolTours.missedCount} + ${counts.missed ?? 0}`,
      flaggedCount: sql`${patrolTours.flaggedCount} + ${counts.flagged ?? 0}`,
      lateCount: sql`${patrolTours.lateCount} + ${counts.late ?? 0}`,
    })
    .where(eq(patrolTours.id, tourId));
}

/** Nobody is expected at a checkpoint of a cancelled tour. */
const ofLiveTour = sql`not exists (select 1 from ${patrolTours} where ${patrolTours.id} = ${patrolTourCheckpoints.tourId} and ${patrolTours.cancelledAt} is not null)`;
const pending = and(isNull(patrolTourCheckpoints.missedAt), isNull(patrolTourCheckpoints.checkedAt), ofLiveTour);
const missDue = (now: Date) => and(pending, lte(patrolTourCheckpoints.missAt, now));

export async function dueMisses(db: Executor, now: Date, limit: number, only?: { tourId: string; position: number }): Promise<TourCheckpointRow[]> {
  return db
    .select()
    .from(patrolTourCheckpoints)
    .where(and(missDue(now), only ? and(eq(patrolTourCheckpoints.tourId, only.tourId), eq(patrolTourCheckpoints.position, only.position)) : undefined))
    .orderBy(asc(patrolTourCheckpoints.missAt))
    .limit(limit);
}

export async function nextMissDue(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(patrolTourCheckpoints.missAt) })
    .from(patrolTourCheckpoints)
    .where(pending);
  return row?.at ? new Date(row.at) : null;
}

export function missedMark(db: Executor, tourId: string, position: number, now: Date) {
  return db
    .update(patrolTourCheckpoints)
    .set({ missedAt: now })
    .where(and(eq(patrolTourCheckpoints.tourId, tourId), eq(patrolTourCheckpoints.position, position), missDue(now)))
    .returning({ tourId: patrolTourCheckpoints.tourId });
}

export async function setMissAlarm(db: Executor, tourId: string, position: number, alarmId: string): Promise<void> {
  await db
    .update(patrolTourCheckpoints)
    .set({ alarmId })
    .where(and(eq(patrolTourCheckpoints.tourId, tourId), eq(patrolTourCheckpoints.position, position)));
}

// Check-ins ------------------------------------------------------------------------------------

export function checkinInsert(db: Executor, row: typeof patrolCheckins.$inferInsert) {
  return db.insert(patrolCheckins).values(row).returning({ id: patrolCheckins.id });
}

export async function checkinsOf(db: Executor, tourId: string): Promise<CheckinRow[]> {
  return db.select().from(patrolCheckins).where(eq(patrolCheckins.tourId, tourId)).orderBy(asc(patrolCheckins.scannedAt));
}

/** The guard's own stored positions between two times (the anti-fake rule's evidence, the walked track). */
export async function guardTrack(db: Executor, guardId: string, from: Date, to: Date, limit = 5000) {
  return db
    .select({ at: positions.at, x: positions.x, y: positions.y, floor: positions.floor })
    .from(positions)
    .where(and(eq(positions.guardId, guardId), gte(positions.at, from), lte(positions.at, to)))
    .orderBy(asc(positions.at))
    .limit(limit);
}

// Hazards --------------------------------------------------------------------------------------

export function hazardInsert(db: Executor, row: typeof hazards.$inferInsert) {
  return db.insert(hazards).values(row).returning({ id: hazards.id });
}

/** An update to run with its event; only while the hazard is in one of `from`. */
export function hazardUpdate(db: Executor, id: string, from: readonly HazardRow['state'][], patch: Partial<typeof hazards.$inferInsert>) {
  return db
    .update(hazards)
    .set(patch)
    .where(and(eq(hazards.id, id), inArray(hazards.state, [...from])))
    .returning({ id: hazards.id });
}

export async function findHazard(db: Executor, stream: Stream, id: string): Promise<HazardRow | undefined> {
  const [row] = await db.select().from(hazards).where(and(eq(hazards.id, id), eq(hazards.stream, stream)));
  return row;
}

export async function listHazards(db: Executor, stream: Stream, filter: { siteIds: readonly string[] | null; state?: HazardRow['state']; reporterId?: string; limit: number }): Promise<HazardRow[]> {
  return db
    .select()
    .from(hazards)
    .where(
      and(
        eq(hazards.stream, stream),
        filter.siteIds ? inArray(hazards.siteId, [...filter.siteIds]) : undefined,
        filter.state ? eq(hazards.state, filter.state) : undefined,
        filter.reporterId ? or(eq(hazards.reportedById, filter.reporterId), eq(hazards.assigneeId, filter.reporterId)) : undefined,
      ),
    )
    .orderBy(desc(hazards.reportedAt), desc(hazards.id))
    .limit(filter.limit);
}

/** The hazards a projected state holds: every open one, and the `keep` verified last. */
export async function hazardsForSnapshot(db: Executor, stream: Stream, keep: number): Promise<HazardRow[]> {
  const open = await db.select().from(hazards).where(and(eq(hazards.stream, stream), sql`${hazards.state} <> 'verified'`));
  const verified = await db
    .select()
    .from(hazards)
    .where(and(eq(hazards.stream, stream), eq(hazards.state, 'verified')))
    .orderBy(desc(hazards.verifiedAt))
    .limit(keep);
  return [...open, ...verified];
}

export function hazardPhotoAppend(db: Executor, hazardId: string, photoId: string) {
  return db
    .update(hazards)
    .set({ photoIds: sql`array_append(${hazards.photoIds}, ${photoId}::uuid)` })
    .where(eq(hazards.id, hazardId))
    .returning({ id: hazards.id });
}

export async function insertHazardPhoto(db: Executor, row: typeof hazardPhotos.$inferInsert): Promise<void> {
  await db.insert(hazardPhotos).values(row);
}

export async function findHazardPhoto(db: Executor, stream: Stream, hazardId: string, photoId: string): Promise<HazardPhotoRow | undefined> {
  const [row] = await db
    .select()
    .from(hazardPhotos)
    .where(and(eq(hazardPhotos.id, photoId), eq(hazardPhotos.hazardId, hazardId), eq(hazardPhotos.stream, stream)));
  return row;
}
