import { and, asc, desc, eq, inArray, notInArray } from 'drizzle-orm';
import { ACTIVE_DISPATCH_STATES, TIMELINE_KEPT, type Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { dispatches, incidentEntries, incidentPhotos, incidents, planRuns, planSteps } from '../db/schema/index.js';

export type DispatchRow = typeof dispatches.$inferSelect;
export type NewDispatchRow = typeof dispatches.$inferInsert;
export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentEntryRow = typeof incidentEntries.$inferSelect;
export type NewIncidentEntryRow = typeof incidentEntries.$inferInsert;
export type PlanRunRow = typeof planRuns.$inferSelect;
export type PlanStepRow = typeof planSteps.$inferSelect;
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

/** The dispatches of open incidents, for the live projection after a restart. */
export async function listDispatchesForSnapshot(db: Executor, stream: Stream): Promise<DispatchRow[]> {
  const rows = await db
    .select({ dispatch: dispatches })
    .from(dispatches)
    .innerJoin(incidents, eq(incidents.id, dispatches.incidentId))
    .where(and(eq(dispatches.stream, stream), notInArray(incidents.state, ['resolved', 'closed'])))
    .orderBy(asc(dispatches.sentAt));
  return rows.map((row) => row.dispatch);
}

export async function findIncidentRow(db: Executor, stream: Stream, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.stream, stream), eq(incidents.id, id)))
    .limit(1);
  return row;
}

/** Everything an incident is presented from: its row, its plan run and steps, its latest timeline entries. */
export async function loadIncidentRows(
  db: Executor,
  stream: Stream,
  id: string,
): Promise<{ incident: IncidentRow; run: PlanRunRow | undefined; steps: PlanStepRow[]; entries: IncidentEntryRow[] } | undefined> {
  const incident = await findIncidentRow(db, stream, id);
  if (!incident) return undefined;
  const [run] = await db.select().from(planRuns).where(eq(planRuns.incidentId, id)).limit(1);
  const steps = run ? await db.select().from(planSteps).where(eq(planSteps.incidentId, id)).orderBy(asc(planSteps.position)) : [];
  const latest = await db
    .select()
    .from(incidentEntries)
    .where(eq(incidentEntries.incidentId, id))
    .orderBy(desc(incidentEntries.at), desc(incidentEntries.id))
    .limit(TIMELINE_KEPT);
  return { incident, run, steps, entries: latest.reverse() };
}

export function incidentEntryInsert(db: Executor, row: NewIncidentEntryRow) {
  return db.insert(incidentEntries).values(row).returning({ id: incidentEntries.id });
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
