import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../db/client.js';
import { loginThrottles } from '../db/schema/index.js';

export type LoginThrottleRow = typeof loginThrottles.$inferSelect;

const t = loginThrottles;
const iso = (at: Date) => sql`${at.toISOString()}::timestamptz`;

/**
 * Counts an attempt against an account before its password is checked, in one atomic
 * statement (parallel attempts cannot all slip under the limit). A window older than
 * `windowMs` starts over; a locked account is not counted. Returns the row after the update:
 * the attempt may go ahead when the account is not locked and `failures` ≤ the limit.
 */
export async function countAccountAttempt(db: Executor, key: string, now: Date, windowMs: number): Promise<LoginThrottleRow> {
  const locked = sql`${t.lockedUntil} is not null and ${t.lockedUntil} > ${iso(now)}`;
  const stale = sql`${t.windowStartedAt} <= ${iso(new Date(now.getTime() - windowMs))}`;
  const [row] = await db
    .insert(t)
    .values({ key, failures: 1, windowStartedAt: now, tokens: 0, refilledAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        failures: sql`case when ${locked} then ${t.failures} when ${stale} then 1 else ${t.failures} + 1 end`,
        windowStartedAt: sql`case when not (${locked}) and ${stale} then ${iso(now)} else ${t.windowStartedAt} end`,
        updatedAt: now,
      },
    })
    .returning();
  if (!row) throw new Error('login throttle upsert returned no row');
  return row;
}

/**
 * Takes a token from an address's bucket (`capacity` tokens, one more every `refillMs`). A refused
 * attempt takes one too, down to a debt of `capacity`: an address that keeps hammering stays out.
 * The attempt may go ahead when the returned `tokens` is ≥ 0.
 */
export async function takeAddressToken(db: Executor, key: string, now: Date, capacity: number, refillMs: number): Promise<LoginThrottleRow> {
  // Attempts that overlap reach the row out of order: an earlier `now` after a later one refills nothing (never a negative refill, which took a fraction of a token and refused an attempt within capacity), and the refill time never goes back.
  const refilled = sql`least(${capacity}::float8, ${t.tokens} + greatest(0, extract(epoch from (${iso(now)} - ${t.refilledAt}))) * 1000 / ${refillMs}::float8)`;
  const [row] = await db
    .insert(t)
    .values({ key, windowStartedAt: now, tokens: capacity - 1, refilledAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: { tokens: sql`greatest(${-capacity}::float8, ${refilled} - 1)`, refilledAt: sql`greatest(${t.refilledAt}, ${iso(now)})`, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error('login throttle upsert returned no row');
  return row;
}

/** Gives an address its token back (a successful login costs nothing). */
export async function returnAddressToken(db: Executor, key: string, capacity: number): Promise<void> {
  await db.update(t).set({ tokens: sql`least(${capacity}::float8, ${t.tokens} + 1)` }).where(eq(t.key, key));
}

/** A successful login: the account's count and lockouts start over. */
export async function clearAccount(db: Executor, key: string, now: Date): Promise<void> {
  await db.update(t).set({ failures: 0, lockouts: 0, lockedUntil: null, windowStartedAt: now, updatedAt: now }).where(eq(t.key, key));
}

/** The account's row, read inside the transaction that may lock it. */
export async function findThrottle(tx: Tx, key: string): Promise<LoginThrottleRow | undefined> {
  const [row] = await tx.select().from(t).where(eq(t.key, key)).limit(1);
  return row;
}

/** The change that locks an account until `until`, for `changeWithEvent`. */
export function lockAccount(tx: Tx, key: string, now: Date, until: Date) {
  return tx
    .update(t)
    .set({ lockedUntil: until, lockouts: sql`${t.lockouts} + 1`, failures: 0, windowStartedAt: now, updatedAt: now })
    .where(eq(t.key, key))
    .returning({ key: t.key });
}

/** Forgets rows idle since `before` whose lock (if any) is over. */
export async function pruneThrottles(db: Executor, before: Date, now: Date): Promise<number> {
  const deleted = await db
    .delete(t)
    .where(and(lt(t.updatedAt, before), or(isNull(t.lockedUntil), lt(t.lockedUntil, now))))
    .returning({ key: t.key });
  return deleted.length;
}
