import { and, asc, count, desc, eq, isNull, ne, notInArray, sql } from 'drizzle-orm';
import type { IncidentState, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { alarms, guards, handovers, incidents, users } from '../db/schema/index.js';

export type HandoverRow = typeof handovers.$inferSelect;

export function handoverInsert(db: Executor, row: HandoverRow) {
  return db.insert(handovers).values(row).returning({ id: handovers.id });
}

/** Sets the acknowledgement only while there is none: a second one (or a race) touches no row. */
export function handoverAcknowledge(db: Executor, id: string, ack: { at: Date; byId: string; byName: string; note: string | null }) {
  return db
    .update(handovers)
    .set({ acknowledgedAt: ack.at, acknowledgedById: ack.byId, acknowledgedByName: ack.byName, acknowledgeNote: ack.note })
    .where(and(eq(handovers.id, id), isNull(handovers.acknowledgedAt)))
    .returning({ id: handovers.id });
}

export async function findHandover(db: Executor, id: string): Promise<HandoverRow | undefined> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id)).limit(1);
  return row;
}

export async function pendingHandover(db: Executor, stream: Stream, siteId: string): Promise<HandoverRow | undefined> {
  const [row] = await db
    .select()
    .from(handovers)
    .where(and(eq(handovers.stream, stream), eq(handovers.siteId, siteId), isNull(handovers.acknowledgedAt)))
    .orderBy(desc(handovers.openedAt))
    .limit(1);
  return row;
}

export async function listHandovers(db: Executor, stream: Stream, siteId: string, limit: number): Promise<HandoverRow[]> {
  return db
    .select()
    .from(handovers)
    .where(and(eq(handovers.stream, stream), eq(handovers.siteId, siteId)))
    .orderBy(desc(handovers.openedAt), desc(handovers.id))
    .limit(limit);
}

const CLOSED: IncidentState[] = ['resolved', 'closed'];

/** A site's open alarms on a stream, most urgent first, at most `limit`, and how many there are. */
export async function openAlarmsOf(db: Executor, stream: Stream, siteId: string, limit: number) {
  const where = and(eq(alarms.stream, stream), eq(alarms.siteId, siteId), ne(alarms.state, 'resolved'));
  const rows = await db.select().from(alarms).where(where).orderBy(asc(alarms.priority), asc(alarms.firstAt)).limit(limit);
  const [total] = await db.select({ n: count() }).from(alarms).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function openIncidentsOf(db: Executor, stream: Stream, siteId: string, limit: number) {
  const where = and(eq(incidents.stream, stream), eq(incidents.siteId, siteId), notInArray(incidents.state, CLOSED));
  const rows = await db.select().from(incidents).where(where).orderBy(asc(incidents.level), asc(incidents.openedAt)).limit(limit);
  const [total] = await db.select({ n: count() }).from(incidents).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The site's guards not off duty (the roster's status). */
export async function guardsOnDutyOf(db: Executor, siteId: string, limit: number) {
  const where = and(eq(guards.siteId, siteId), ne(guards.status, 'off_duty'));
  const rows = await db.select().from(guards).where(where).orderBy(asc(guards.callsign)).limit(limit);
  const [total] = await db.select({ n: count() }).from(guards).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The logins that may take a shift over on a site: duty roles, enabled, allowed on it. */
export async function dutyOfficersOf(db: Executor, siteId: string) {
  return db
    .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.disabled, false),
        sql`${users.role} in ('admin', 'commander', 'operator')`,
        sql`(${users.siteIds} is null or ${users.siteIds} @> ${JSON.stringify([siteId])}::jsonb)`,
      ),
    )
    .orderBy(asc(users.displayName));
}
