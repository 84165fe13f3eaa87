import { and, eq, inArray } from 'drizzle-orm';
import { ACTIVE_DISPATCH_STATES, type Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { dispatches, incidentPhotos } from '../db/schema/index.js';

/*
 * Dispatches (派遣) and the photos reported on them. The incident's own reads and writes are in
 * incidents.repository.ts.
 */

export type DispatchRow = typeof dispatches.$inferSelect;
export type NewDispatchRow = typeof dispatches.$inferInsert;
export type IncidentPhotoRow = typeof incidentPhotos.$inferSelect;

/** An insert to run with its event (see changeWithEvent). */
export function dispatchInsert(db: Executor, row: NewDispatchRow) {
  return db.insert(dispatches).values(row).returning({ id: dispatches.id });
}

/** An update to run with its event; touches the row only while it is still in `from` (the state the check saw). */
export function dispatchUpdate(db: Executor, id: string, from: DispatchRow['state'], patch: Partial<NewDispatchRow>) {
  return db
    .update(dispatches)
    .set(patch)
    .where(and(eq(dispatches.id, id), eq(dispatches.state, from)))
    .returning({ id: dispatches.id });
}

export async function findDispatch(db: Executor, stream: Stream, id: string): Promise<DispatchRow | undefined> {
  const [row] = await db
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.stream, stream), eq(dispatches.id, id)))
    .limit(1);
  return row;
}

/** The guard's dispatches still waiting or under way (any incident). */
export async function activeDispatchesOfGuard(db: Executor, stream: Stream, guardId: string): Promise<DispatchRow[]> {
  return db
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.stream, stream), eq(dispatches.guardId, guardId), inArray(dispatches.state, [...ACTIVE_DISPATCH_STATES])));
}

/** Whether this guard was ever sent to this incident (a guard's phone may then see its photos). */
export async function wasDispatchedTo(db: Executor, stream: Stream, incidentId: string, guardId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(and(eq(dispatches.stream, stream), eq(dispatches.incidentId, incidentId), eq(dispatches.guardId, guardId)))
    .limit(1);
  return row !== undefined;
}

export async function insertIncidentPhoto(db: Executor, row: typeof incidentPhotos.$inferInsert): Promise<void> {
  await db.insert(incidentPhotos).values(row);
}

export async function findIncidentPhoto(db: Executor, stream: Stream, incidentId: string, photoId: string): Promise<IncidentPhotoRow | undefined> {
  const [row] = await db
    .select()
    .from(incidentPhotos)
    .where(and(eq(incidentPhotos.stream, stream), eq(incidentPhotos.incidentId, incidentId), eq(incidentPhotos.id, photoId)))
    .limit(1);
  return row;
}
