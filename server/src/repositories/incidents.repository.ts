import { and, asc, desc, eq, inArray, isNull, like, lt, lte, min, ne, notInArray, sql } from 'drizzle-orm';
import type { IncidentState, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { alarms, dispatches, drillRuns, incidentEntries, incidents, planRuns, planSteps } from '../db/schema/index.js';

/** SQL for incidents, their plan runs and step states, and their timelines. */

export type IncidentRow = typeof incidents.$inferSelect;
export type PlanRunRow = typeof planRuns.$inferSelect;
export type PlanStepRow = typeof planSteps.$inferSelect;
export type EntryRow = typeof incidentEntries.$inferSelect;
export type DispatchRow = typeof dispatches.$inferSelect;

const CLOSED_STATES: IncidentState[] = ['resolved', 'closed'];

export function incidentInsert(db: Executor, row: IncidentRow) {
  return db.insert(incidents).values(row).returning({ id: incidents.id });
}

export function incidentUpdate(db: Executor, id: string, patch: Partial<IncidentRow>) {
  return db.update(incidents).set(patch).where(eq(incidents.id, id)).returning({ id: incidents.id });
}

export async function findIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id)).limit(1);
  return row;
}

/** How many incidents a stream has numbered with this day's prefix (`20261202-`). */
export async function countNumbered(db: Executor, stream: Stream, prefix: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(incidents)
    .where(and(eq(incidents.stream, stream), like(incidents.number, `${prefix}%`)));
  return Number(row?.count ?? 0);
}

export interface IncidentFilter {
  stream: Stream;
  state?: IncidentState | 'open';
  siteId?: string;
  siteIds: readonly string[] | null;
  limit: number;
}

export async function listIncidents(db: Executor, filter: IncidentFilter): Promise<IncidentRow[]> {
  const state =
    filter.state === 'open' ? notInArray(incidents.state, CLOSED_STATES) : filter.state ? eq(incidents.state, filter.state) : undefined;
  const sites = filter.siteIds === null ? undefined : filter.siteIds.length === 0 ? sql`false` : inArray(incidents.siteId, [...filter.siteIds]);
  return db
    .select()
    .from(incidents)
    .where(and(eq(incidents.stream, filter.stream), state, filter.siteId ? eq(incidents.siteId, filter.siteId) : undefined, sites))
    .orderBy(desc(incidents.openedAt))
    .limit(filter.limit);
}

/** What the live projection holds: every incident not closed, and the `closedKept` most recently closed. */
export async function listForSnapshot(db: Executor, stream: Stream, closedKept: number): Promise<IncidentRow[]> {
  const notClosed = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.stream, stream), ne(incidents.state, 'closed')));
  const closed = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.stream, stream), eq(incidents.state, 'closed')))
    .orderBy(desc(incidents.closedAt))
    .limit(closedKept);
  return [...notClosed, ...closed];
}

// ---- plan runs ---------------------------------------------------------------------------

export function planRunInsert(db: Executor, row: PlanRunRow) {
  return db.insert(planRuns).values(row).returning({ incidentId: planRuns.incidentId });
}

export async function planStepsInsert(db: Executor, rows: PlanStepRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(planSteps).values(rows);
}

export function planStepUpdate(db: Executor, incidentId: string, stepId: string, patch: Partial<PlanStepRow>) {
  return db
    .update(planSteps)
    .set(patch)
    .where(and(eq(planSteps.incidentId, incidentId), eq(planSteps.stepId, stepId)))
    .returning({ stepId: planSteps.stepId });
}

/** Steps no answer can reach any more never warn: their timers move out of the scheduler's way. */
export async function parkStepTimers(db: Executor, incidentId: string, stepIds: readonly string[], never: Date): Promise<void> {
  if (stepIds.length === 0) return;
  await db
    .update(planSteps)
    .set({ warnAt: never, dueAt: never })
    .where(and(eq(planSteps.incidentId, incidentId), inArray(planSteps.stepId, [...stepIds]), eq(planSteps.status, 'pending')));
}

export async function findPlanRuns(db: Executor, incidentIds: readonly string[]): Promise<{ runs: PlanRunRow[]; steps: PlanStepRow[] }> {
  if (incidentIds.length === 0) return { runs: [], steps: [] };
  const ids = [...incidentIds];
  const runs = await db.select().from(planRuns).where(inArray(planRuns.incidentId, ids));
  const steps = await db.select().from(planSteps).where(inArray(planSteps.incidentId, ids)).orderBy(asc(planSteps.position));
  return { runs, steps };
}

// ---- timeline ----------------------------------------------------------------------------

export function entryInsert(db: Executor, row: EntryRow) {
  return db.insert(incidentEntries).values(row).returning({ id: incidentEntries.id });
}

export function entryStrike(db: Executor, incidentId: string, entryId: string, stricken: { at: Date; byId: string; byName: string; reason: string }) {
  return db
    .update(incidentEntries)
    .set({ strickenAt: stricken.at, strickenById: stricken.byId, strickenByName: stricken.byName, strickenReason: stricken.reason })
    .where(and(eq(incidentEntries.incidentId, incidentId), eq(incidentEntries.id, entryId), isNull(incidentEntries.strickenAt)))
    .returning({ id: incidentEntries.id });
}

export async function findEntry(db: Executor, incidentId: string, entryId: string): Promise<EntryRow | undefined> {
  const [row] = await db
    .select()
    .from(incidentEntries)
    .where(and(eq(incidentEntries.incidentId, incidentId), eq(incidentEntries.id, entryId)))
    .limit(1);
  return row;
}

/** Timelines in order; with `lastPerIncident`, only each incident's latest entries (the live state's window). */
export async function listEntries(db: Executor, incidentIds: readonly string[], lastPerIncident?: number): Promise<EntryRow[]> {
  if (incidentIds.length === 0) return [];
  const ids = [...incidentIds];
  if (lastPerIncident === undefined) {
    return db.select().from(incidentEntries).where(inArray(incidentEntries.incidentId, ids)).orderBy(asc(incidentEntries.incidentId), asc(incidentEntries.seq));
  }
  const ranked = db
    .select({ id: incidentEntries.id, incidentId: incidentEntries.incidentId, rank: sql<number>`row_number() over (partition by ${incidentEntries.incidentId} order by ${incidentEntries.seq} desc)`.as('rank') })
    .from(incidentEntries)
    .where(inArray(incidentEntries.incidentId, ids))
    .as('ranked');
  const rows = await db
    .select({ entry: incidentEntries })
    .from(incidentEntries)
    .innerJoin(ranked, and(eq(ranked.incidentId, incidentEntries.incidentId), eq(ranked.id, incidentEntries.id)))
    .where(lte(ranked.rank, lastPerIncident))
    .orderBy(asc(incidentEntries.incidentId), asc(incidentEntries.seq));
  return rows.map((row) => row.entry);
}

// ---- alarms and dispatches of an incident ------------------------------------------------

export async function linkAlarms(db: Executor, alarmIds: readonly string[], incidentId: string): Promise<void> {
  if (alarmIds.length > 0) await db.update(alarms).set({ incidentId }).where(inArray(alarms.id, [...alarmIds]));
}

export async function listDispatchesOf(db: Executor, incidentIds: readonly string[]): Promise<DispatchRow[]> {
  if (incidentIds.length === 0) return [];
  return db.select().from(dispatches).where(inArray(dispatches.incidentId, [...incidentIds])).orderBy(asc(dispatches.sentAt), asc(dispatches.id));
}

// ---- due times (the scheduler) -----------------------------------------------------------

const openIncident = notInArray(incidents.state, CLOSED_STATES);

/**
 * Not of a drill that is paused or ended: a drill's plan timers and dispatch answers stand still
 * while it is paused (its resume moves them later by the pause: `shiftDrillTimers`) and stop when
 * it ends (live's never do).
 */
const notEndedDrill = (stream: typeof planSteps.stream | typeof dispatches.stream) =>
  sql`${stream} not in (select ${drillRuns.stream} from ${drillRuns} where ${drillRuns.state} in ('paused', 'ended'))`;

/**
 * A drill resumed (paused from `pausedAt` to `now`): its pending steps' warning and due times not
 * yet fired, and its unanswered dispatches' answer times, move later by the time they stood
 * paused — the whole pause, or from when the plan started or the guard was sent during it.
 * Parked timers stay parked. Part of the command that appends `drill.resumed`.
 */
export async function shiftDrillTimers(db: Executor, stream: Stream, pausedAt: Date, now: Date, never: Date): Promise<void> {
  if (now <= pausedAt) return;
  const [from, to] = [sql`${pausedAt.toISOString()}::timestamptz`, sql`${now.toISOString()}::timestamptz`];
  const planStart = sql`(select ${planRuns.startedAt} from ${planRuns} where ${planRuns.incidentId} = ${planSteps.incidentId})`;
  const stood = sql`(${to} - greatest(${from}, ${planStart}))`;
  const pending = and(eq(planSteps.stream, stream), eq(planSteps.status, 'pending'));
  await db.update(planSteps).set({ warnAt: sql`${planSteps.warnAt} + ${stood}` }).where(and(pending, isNull(planSteps.warnedAt), lt(planSteps.warnAt, never)));
  await db.update(planSteps).set({ dueAt: sql`${planSteps.dueAt} + ${stood}` }).where(and(pending, isNull(planSteps.overdueAt), lt(planSteps.dueAt, never)));
  await db
    .update(dispatches)
    .set({ answerDueAt: sql`${dispatches.answerDueAt} + (${to} - greatest(${from}, ${dispatches.sentAt}))` })
    .where(and(eq(dispatches.stream, stream), eq(dispatches.state, 'sent'), isNull(dispatches.unansweredAt)));
}

type TimerColumn = 'warn' | 'due';
const timer = (kind: TimerColumn) =>
  kind === 'warn' ? { at: planSteps.warnAt, fired: planSteps.warnedAt } : { at: planSteps.dueAt, fired: planSteps.overdueAt };

/** The earliest warning (or due) time of a pending step of an open incident not yet fired, any stream. */
export async function nextStepTimer(db: Executor, kind: TimerColumn): Promise<Date | null> {
  const column = timer(kind);
  const [row] = await db
    .select({ at: min(column.at) })
    .from(planSteps)
    .innerJoin(incidents, eq(incidents.id, planSteps.incidentId))
    .where(and(eq(planSteps.status, 'pending'), isNull(column.fired), openIncident, notEndedDrill(planSteps.stream)));
  return row?.at ? new Date(row.at) : null;
}

export interface DueStep {
  incidentId: string;
  stepId: string;
  stream: string;
  siteId: string;
}

/** Due step timers, earliest first; with `only`, just that step if it is still due. */
export async function dueStepTimers(db: Executor, kind: TimerColumn, now: Date, limit: number, only?: { incidentId: string; stepId: string }): Promise<DueStep[]> {
  const column = timer(kind);
  return db
    .select({ incidentId: planSteps.incidentId, stepId: planSteps.stepId, stream: planSteps.stream, siteId: incidents.siteId })
    .from(planSteps)
    .innerJoin(incidents, eq(incidents.id, planSteps.incidentId))
    .where(
      and(
        eq(planSteps.status, 'pending'),
        isNull(column.fired),
        lte(column.at, now),
        openIncident,
        notEndedDrill(planSteps.stream),
        only ? and(eq(planSteps.incidentId, only.incidentId), eq(planSteps.stepId, only.stepId)) : undefined,
      ),
    )
    .orderBy(asc(column.at))
    .limit(limit);
}

/** Marks a step's timer fired, only if it is still due (the change that goes with its event). */
export function stepTimerFired(db: Executor, kind: TimerColumn, step: { incidentId: string; stepId: string }, now: Date) {
  const column = timer(kind);
  return db
    .update(planSteps)
    .set(kind === 'warn' ? { warnedAt: now } : { overdueAt: now })
    .where(and(eq(planSteps.incidentId, step.incidentId), eq(planSteps.stepId, step.stepId), eq(planSteps.status, 'pending'), isNull(column.fired), lte(column.at, now)))
    .returning({ stepId: planSteps.stepId });
}

export async function nextDispatchAnswerDue(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(dispatches.answerDueAt) })
    .from(dispatches)
    .where(and(eq(dispatches.state, 'sent'), isNull(dispatches.unansweredAt), notEndedDrill(dispatches.stream)));
  return row?.at ? new Date(row.at) : null;
}

export async function dueDispatchAnswers(db: Executor, now: Date, limit: number, onlyId?: string): Promise<DispatchRow[]> {
  return db
    .select()
    .from(dispatches)
    .where(and(eq(dispatches.state, 'sent'), isNull(dispatches.unansweredAt), lte(dispatches.answerDueAt, now), notEndedDrill(dispatches.stream), onlyId ? eq(dispatches.id, onlyId) : undefined))
    .orderBy(asc(dispatches.answerDueAt))
    .limit(limit);
}

export function dispatchUnansweredMark(db: Executor, dispatchId: string, now: Date) {
  return db
    .update(dispatches)
    .set({ unansweredAt: now })
    .where(and(eq(dispatches.id, dispatchId), eq(dispatches.state, 'sent'), isNull(dispatches.unansweredAt), lte(dispatches.answerDueAt, now)))
    .returning({ id: dispatches.id });
}

/** A top-priority alarm still untaken (not acknowledged, in no incident) and not yet escalated. */
// Escalation calls the commander with sound: live alarms only, never a drill's (issue 11).
const untaken = () => and(eq(alarms.stream, 'live'), eq(alarms.state, 'new'), eq(alarms.priority, 1), isNull(alarms.incidentId), isNull(alarms.escalatedAt));

/**
 * Open top-priority alarms nobody has taken yet (not acknowledged, in no incident: opening an
 * incident from an alarm is taking it): the earliest `first_at`.
 */
export async function nextUnacknowledgedTopAlarm(db: Executor): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(alarms.firstAt) })
    .from(alarms)
    .where(untaken());
  return row?.at ? new Date(row.at) : null;
}

export async function dueEscalations(db: Executor, firstAtOrBefore: Date, limit: number, onlyId?: string) {
  return db
    .select({ id: alarms.id, stream: alarms.stream, siteId: alarms.siteId })
    .from(alarms)
    .where(and(untaken(), lte(alarms.firstAt, firstAtOrBefore), onlyId ? eq(alarms.id, onlyId) : undefined))
    .orderBy(asc(alarms.firstAt))
    .limit(limit);
}

export function alarmEscalatedMark(db: Executor, alarmId: string, now: Date, firstAtOrBefore: Date) {
  return db
    .update(alarms)
    .set({ escalatedAt: now })
    .where(and(eq(alarms.id, alarmId), untaken(), lte(alarms.firstAt, firstAtOrBefore)))
    .returning({ id: alarms.id });
}
