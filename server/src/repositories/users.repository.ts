import { and, count, desc, eq, gt, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions, users } from '../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(db: Executor, row: typeof users.$inferInsert): Promise<UserRow> {
  const [inserted] = await db.insert(users).values(row).returning();
  if (!inserted) throw new Error('user insert returned no row');
  return inserted;
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return row;
}

export async function listUsers(db: Executor): Promise<UserRow[]> {
  return db.select().from(users).orderBy(users.username);
}

export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0);
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

export type SessionRow = typeof sessions.$inferSelect;

/** The user behind a live session, if the session exists, has not expired and the user is enabled. */
export async function findSessionUser(db: Executor, sessionId: string, now: Date): Promise<UserRow | undefined> {
  return (await findLiveSession(db, sessionId, now))?.user;
}

/** A live session with its user (see findSessionUser). */
export async function findLiveSession(db: Executor, sessionId: string, now: Date): Promise<{ user: UserRow; session: SessionRow } | undefined> {
  const [row] = await db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, now), eq(users.disabled, false)))
    .limit(1);
  return row;
}

/** Notes that a session was used, at most once per `every` ms. */
export async function touchSession(db: Executor, sessionId: string, now: Date, everyMs: number): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sessionId), or(isNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, new Date(now.getTime() - everyMs)))));
}

export async function listUserSessions(db: Executor, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.createdAt));
}

/** Ends one session of a user; false when the user has no such session. */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  return deleted.length > 0;
}

/** Ends every session of a user, but the one kept (the caller's own, on a password change). */
export async function deleteUserSessions(db: Executor, userId: string, keepSessionId?: string): Promise<string[]> {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  return deleted.map((row) => row.id);
}

export async function updateUser(
  db: Executor,
  userId: string,
  patch: Partial<Pick<UserRow, 'passwordHash' | 'disabled' | 'lastLoginAt'>>,
): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(patch).where(eq(users.id, userId)).returning();
  return row;
}

export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function updateUserSites(db: Executor, id: string, siteIds: string[] | null): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set({ siteIds }).where(eq(users.id, id)).returning();
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}
