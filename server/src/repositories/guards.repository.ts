import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { alarms, guards } from '../db/schema/index.js';

export type GuardRow = typeof guards.$inferSelect;
export type NewGuardRow = typeof guards.$inferInsert;

/** The roster; `only.siteIds` (null: every site) and `only.guardId` (a guard's own entry; null: none) limit it. */
export async function listGuards(db: Executor, only: { siteIds?: readonly string[] | null; guardId?: string | null } = {}): Promise<GuardRow[]> {
  const sites = only.siteIds === undefined || only.siteIds === null ? undefined : only.siteIds.length === 0 ? sql`false` : inArray(guards.siteId, [...only.siteIds]);
  const own = only.guardId === undefined ? undefined : only.guardId === null ? sql`false` : eq(guards.id, only.guardId);
  return db.select().from(guards).where(and(sites, own)).orderBy(guards.siteId, guards.callsign);
}

export async function findGuard(db: Executor, id: string): Promise<GuardRow | undefined> {
  const [row] = await db.select().from(guards).where(eq(guards.id, id)).limit(1);
  return row;
}

export async function findGuardByTracker(db: Executor, trackerId: string): Promise<GuardRow | undefined> {
  const [row] = await db.select().from(guards).where(eq(guards.trackerId, trackerId)).limit(1);
  return row;
}

export async function findGuardByUser(db: Executor, userId: string): Promise<GuardRow | undefined> {
  const [row] = await db.select().from(guards).where(eq(guards.userId, userId)).limit(1);
  return row;
}

export function guardInsert(db: Executor, row: NewGuardRow) {
  return db.insert(guards).values(row).returning({ id: guards.id });
}

export function guardUpdate(db: Executor, id: string, patch: Partial<NewGuardRow>) {
  return db.update(guards).set(patch).where(eq(guards.id, id)).returning({ id: guards.id });
}

/** The guard whose tracker URL carries the secret with this sha256. */
export async function findGuardByTrackerToken(db: Executor, tokenHash: string): Promise<GuardRow | undefined> {
  const [row] = await db.select().from(guards).where(eq(guards.trackerTokenHash, tokenHash)).limit(1);
  return row;
}

export function guardDelete(db: Executor, id: string) {
  return db.delete(guards).where(eq(guards.id, id)).returning({ id: guards.id });
}

/** Whether an SOS alarm raised for this guard (source `guard:<id>`) is still open. */
export async function hasOpenSos(db: Executor, guardId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: alarms.id })
    .from(alarms)
    .where(and(eq(alarms.kind, 'sos'), ne(alarms.state, 'resolved'), sql`${alarms.source} ->> 'externalId' = ${`guard:${guardId}`}`))
    .limit(1);
  return row !== undefined;
}
