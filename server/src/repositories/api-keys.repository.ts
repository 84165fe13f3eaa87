import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { apiKeys, idempotencyKeys } from '../db/schema/index.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(db: Executor, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [inserted] = await db.insert(apiKeys).values(row).onConflictDoNothing({ target: apiKeys.keyHash }).returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(apiKeys).where(eq(apiKeys.keyHash, row.keyHash)).limit(1);
  if (!existing) throw new Error('api key insert returned no row');
  return existing;
}

export async function findActiveApiKey(db: Executor, keyHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

export async function listApiKeys(db: Executor): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(apiKeys.createdAt);
}

/** Revokes a key (once: a revoked key keeps its first revocation time). */
export async function revokeApiKey(db: Executor, id: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(apiKeys.id, id))
    .returning();
  return row;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** The answer given to a key, and the hash of the request it answered (null on old rows). */
export async function findIdempotentAnswer(db: Executor, scope: string, key: string): Promise<(StoredAnswer & { requestHash: string | null }) | undefined> {
  const [row] = await db
    .select({ status: idempotencyKeys.status, body: idempotencyKeys.body, requestHash: idempotencyKeys.requestHash })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    .limit(1);
  return row;
}

export async function storeIdempotentAnswer(db: Executor, scope: string, key: string, requestHash: string, answer: StoredAnswer): Promise<void> {
  await db.insert(idempotencyKeys).values({ scope, key, requestHash, status: answer.status, body: answer.body });
}
