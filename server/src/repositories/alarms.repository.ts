import { and, desc, eq, gte, inArray, ne, or } from 'drizzle-orm';
import type { AlarmState, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { alarms } from '../db/schema/index.js';
import type { AlarmRow } from '../presenters/alarm.presenter.js';

export type NewAlarmRow = typeof alarms.$inferInsert;

export async function insertAlarm(db: Executor, row: NewAlarmRow): Promise<AlarmRow> {
  const [inserted] = await db.insert(alarms).values(row).returning();
  if (!inserted) throw new Error('alarm insert returned no row');
  return inserted;
}

export async function updateAlarm(db: Executor, id: string, patch: Partial<NewAlarmRow>): Promise<AlarmRow> {
  const [updated] = await db.update(alarms).set(patch).where(eq(alarms.id, id)).returning();
  if (!updated) throw new Error(`alarm ${id} vanished during update`);
  return updated;
}

export async function findAlarm(db: Executor, id: string): Promise<AlarmRow | undefined> {
  const [row] = await db.select().from(alarms).where(eq(alarms.id, id)).limit(1);
  return row;
}

/** The most recent open alarm with this dedup key, if any. */
export async function findOpenByDedupKey(db: Executor, stream: Stream, key: string): Promise<AlarmRow | undefined> {
  const [row] = await db
    .select()
    .from(alarms)
    .where(and(eq(alarms.stream, stream), eq(alarms.dedupKey, key), ne(alarms.state, 'resolved')))
    .orderBy(desc(alarms.lastAt))
    .limit(1);
  return row;
}

export interface AlarmFilter {
  stream: Stream;
  state?: AlarmState | 'open';
  siteId?: string;
  limit: number;
}

export async function listAlarms(db: Executor, filter: AlarmFilter): Promise<AlarmRow[]> {
  const stateCondition =
    filter.state === 'open'
      ? ne(alarms.state, 'resolved')
      : filter.state
        ? eq(alarms.state, filter.state)
        : undefined;
  return db
    .select()
    .from(alarms)
    .where(
      and(
        eq(alarms.stream, filter.stream),
        stateCondition,
        filter.siteId ? eq(alarms.siteId, filter.siteId) : undefined,
      ),
    )
    .orderBy(alarms.priority, desc(alarms.lastAt))
    .limit(filter.limit);
}

/** What a screen needs at connect: every open alarm and the recently resolved ones. */
export async function listForSnapshot(db: Executor, stream: Stream, resolvedSince: Date): Promise<AlarmRow[]> {
  return db
    .select()
    .from(alarms)
    .where(
      and(
        eq(alarms.stream, stream),
        or(inArray(alarms.state, ['new', 'acknowledged', 'on_hold']), gte(alarms.resolvedAt, resolvedSince)),
      ),
    )
    .orderBy(alarms.priority, desc(alarms.lastAt));
}
