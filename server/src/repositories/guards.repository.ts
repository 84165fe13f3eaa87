import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { guards } from '../db/schema/index.js';

export type GuardRow = typeof guards.$inferSelect;
export type NewGuardRow = typeof guards.$inferInsert;

export async function listGuards(db: Executor): Promise<GuardRow[]> {
  return db.select().from(guards).orderBy(guards.siteId, guards.callsign);
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
