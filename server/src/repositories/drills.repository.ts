import { and, asc, desc, eq, inArray, isNotNull, lte, min, ne, sql } from 'drizzle-orm';
import type { GuardStatus, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { drillComments, drillRuns, users, type DrillInjectDone, type DrillMonitorView } from '../db/schema/index.js';

export type DrillRunRow = typeof drillRuns.$inferSelect;
export type NewDrillRunRow = typeof drillRuns.$inferInsert;
export type DrillCommentRow = typeof drillComments.$inferSelect;

export function drillRunInsert(db: Executor, row: NewDrillRunRow) {
  return db.insert(drillRuns).values(row).returning({ id: drillRuns.id });
}

export async function findDrillRun(db: Executor, id: string): Promise<DrillRunRow | undefined> {
  const [row] = await db.select().from(drillRuns).where(eq(drillRuns.id, id)).limit(1);
  return row;
}

export async function findDrillRunByStream(db: Executor, stream: Stream): Promise<DrillRunRow | undefined> {
  const [row] = await db.select().from(drillRuns).where(eq(drillRuns.stream, stream)).limit(1);
  return row;
}

/** The drills not ended (running or paused), with their walls: the broadcaster keeps a state for each. */
export async function activeDrills(db: Executor): Promise<{ stream: Stream; monitorViews: Record<string, DrillMonitorView> }[]> {
  return db.select({ stream: drillRuns.stream, monitorViews: drillRuns.monitorViews }).from(drillRuns).where(ne(drillRuns.state, 'ended'));
}

/** A change of a run's state, only from the states given (none matched: no row, no event). */
export function drillRunUpdate(db: Executor, id: string, from: readonly DrillRunRow['state'][], patch: Partial<NewDrillRunRow>) {
  return db
    .update(drillRuns)
    .set(patch)
    .where(and(eq(drillRuns.id, id), inArray(drillRuns.state, [...from])))
    .returning({ id: drillRuns.id });
}

/**
 * An inject fired: the run moves to the next one, only if it still stood at `index` (a second
 * node, tick or restart finds it moved, and fires nothing).
 */
export function drillInjectFired(db: Executor, id: string, index: number, done: DrillInjectDone, next: { index: number; at: Date | null }) {
  return db
    .update(drillRuns)
    .set({ nextInject: next.index, nextInjectAt: next.at, injectsDone: sql`${drillRuns.injectsDone} || ${JSON.stringify([done])}::jsonb` })
    .where(and(eq(drillRuns.id, id), eq(drillRuns.nextInject, index), ne(drillRuns.state, 'ended')))
    .returning({ id: drillRuns.id });
}

/** An ad hoc inject: recorded among the done ones, the schedule unchanged. */
export function drillAdHocRecorded(db: Executor, id: string, done: DrillInjectDone) {
  return db
    .update(drillRuns)
    .set({ injectsDone: sql`${drillRuns.injectsDone} || ${JSON.stringify([done])}::jsonb` })
    .where(and(eq(drillRuns.id, id), ne(drillRuns.state, 'ended')))
    .returning({ id: drillRuns.id });
}

/** A guard's status in a drill (its `guard_statuses`), the change the drill's `guard.statusChanged` goes with. */
export function drillGuardStatusUpdate(db: Executor, stream: Stream, guardId: string, status: GuardStatus) {
  return db
    .update(drillRuns)
    .set({ guardStatuses: sql`${drillRuns.guardStatuses} || ${JSON.stringify({ [guardId]: status })}::jsonb` })
    .where(eq(drillRuns.stream, stream))
    .returning({ id: drillRuns.id });
}

/** The earliest inject due of a running drill. */
export async function nextDrillInjectDue(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(drillRuns.nextInjectAt) })
    .from(drillRuns)
    .where(and(eq(drillRuns.state, 'running'), isNotNull(drillRuns.nextInjectAt)));
  return row?.at ? new Date(row.at) : null;
}

/** Running drills with an inject due by `now`, earliest first. */
export async function dueDrillInjects(db: Executor, now: Date, limit: number, onlyId?: string): Promise<DrillRunRow[]> {
  return db
    .select()
    .from(drillRuns)
    .where(and(eq(drillRuns.state, 'running'), lte(drillRuns.nextInjectAt, now), onlyId ? eq(drillRuns.id, onlyId) : undefined))
    .orderBy(asc(drillRuns.nextInjectAt))
    .limit(limit);
}

/** A change that touches the run and nothing else: what a drill's device state goes with (the devices table is live's). */
export function drillRunTouch(db: Executor, id: string) {
  return db.update(drillRuns).set({ id: sql`${drillRuns.id}` }).where(eq(drillRuns.id, id)).returning({ id: drillRuns.id });
}

/** Which of these user ids are accounts that may log in. */
export async function enabledUserIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: users.id }).from(users).where(and(inArray(users.id, [...ids]), eq(users.disabled, false)));
  return new Set(rows.map((row) => row.id));
}

/** The users a drill may take in (enabled ones), for the controller's picker: no username, no hash. */
export async function drillPeople(db: Executor, limit: number): Promise<{ id: string; displayName: string; role: string }[]> {
  return db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.role), asc(users.displayName))
    .limit(limit);
}

/** Runs, newest first: all, or those a user controls or takes part in. */
export async function listDrillRuns(db: Executor, only: { userId?: string; limit: number }): Promise<DrillRunRow[]> {
  const mine = only.userId ? sql`(${drillRuns.controllerId} = ${only.userId} or ${only.userId} = any(${drillRuns.participants}))` : undefined;
  return db.select().from(drillRuns).where(mine).orderBy(desc(drillRuns.startedAt)).limit(only.limit);
}

/** A monitor's view or released takeovers in a drill (its `monitor_views`), the change a drill's wall event goes with. */
export function drillMonitorUpdate(db: Executor, stream: Stream, monitorId: string, current: DrillMonitorView, patch: Partial<DrillMonitorView>) {
  return db
    .update(drillRuns)
    .set({ monitorViews: sql`${drillRuns.monitorViews} || ${JSON.stringify({ [monitorId]: { ...current, ...patch } })}::jsonb` })
    .where(eq(drillRuns.stream, stream))
    .returning({ id: drillRuns.id });
}

/** A comment on a run: the change `drill.commented` goes with (a repeated id adds nothing). */
export function drillCommentInsert(db: Executor, row: DrillCommentRow) {
  return db.insert(drillComments).values(row).onConflictDoNothing().returning({ id: drillComments.id });
}

export async function countDrillComments(db: Executor, runId: string): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(drillComments).where(eq(drillComments.runId, runId));
  return Number(row?.count ?? 0);
}

/** A run's comments, oldest first. */
export async function listDrillComments(db: Executor, runId: string, limit: number): Promise<DrillCommentRow[]> {
  return db.select().from(drillComments).where(eq(drillComments.runId, runId)).orderBy(asc(drillComments.at), asc(drillComments.id)).limit(limit);
}

/** The ended runs of one scenario, newest first: all, or those a user controls or takes part in. */
export async function listEndedRunsOf(db: Executor, scenarioId: string, only: { userId?: string; limit: number }): Promise<DrillRunRow[]> {
  const mine = only.userId ? sql`(${drillRuns.controllerId} = ${only.userId} or ${only.userId} = any(${drillRuns.participants}))` : undefined;
  return db
    .select()
    .from(drillRuns)
    .where(and(eq(drillRuns.state, 'ended'), sql`${drillRuns.scenario}->>'id' = ${scenarioId}`, mine))
    .orderBy(desc(drillRuns.startedAt))
    .limit(only.limit);
}
