import { randomUUID } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import type { ApiKeyInfo, User } from '@vigil/shared';
import type { Deps } from '../deps.js';
import { auditedChange } from '../audit/record-audit.js';
import { notFound } from '../../lib/http-error.js';
import { findActiveApiKey, insertApiKey, listApiKeys, revokeApiKey as revokeApiKeyRow, type ApiKeyRow } from '../../repositories/api-keys.repository.js';

/** Recently checked keys, so a busy integration does not cost a query per alarm. */
const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 1_000;
const caches = new WeakMap<Db, Map<string, { row: ApiKeyRow; until: number }>>();

/** Creates an ingest key; the key itself is shown once and only its hash is kept. */
export async function createApiKey(db: Executor, name: string, key = `vk_${newToken(24)}`): Promise<{ row: ApiKeyRow; key: string }> {
  const row = await insertApiKey(db, { id: randomUUID(), name, keyHash: sha256(key) });
  return { row, key };
}

/**
 * The active key with this secret. A revocation on this node takes effect at once (the cache
 * drops the key); on another node within CACHE_TTL_MS.
 */
export async function apiKeyFor(db: Db, key: string | undefined): Promise<ApiKeyRow | undefined> {
  if (!key || key.length > 256) return undefined;
  const hash = sha256(key);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const cached = cache.get(hash);
  if (cached && cached.until > Date.now()) return cached.row;
  const row = await findActiveApiKey(db, hash);
  if (!row) {
    cache.delete(hash);
    return undefined;
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(hash, { row, until: Date.now() + CACHE_TTL_MS });
  return row;
}

export function presentApiKey(row: ApiKeyRow): ApiKeyInfo {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

export async function listApiKeyInfos(db: Db): Promise<ApiKeyInfo[]> {
  return (await listApiKeys(db)).map(presentApiKey);
}

/** Revokes a key: from the next request on it gets 401. */
export async function revokeApiKey(deps: Deps, by: User, id: string): Promise<ApiKeyInfo> {
  const row = await auditedChange(deps, by, async (db) => {
    const revoked = await revokeApiKeyRow(db, id, deps.clock());
    if (!revoked) throw notFound(`apiKeyId: no API key with id "${id}"`);
    return { value: revoked, change: { subject: 'apiKey', action: 'revoked', targetId: revoked.id, targetName: revoked.name, detail: null } };
  });
  const cache = caches.get(deps.db);
  if (cache) for (const [hash, entry] of cache) if (entry.row.id === id) cache.delete(hash);
  return presentApiKey(row);
}

/** An admin's new ingest key, audited with its creation; the key itself is answered once. */
export async function createAuditedApiKey(deps: Deps, by: User, name: string): Promise<{ row: ApiKeyRow; key: string }> {
  return auditedChange(deps, by, async (db) => {
    const made = await createApiKey(db, name);
    return { value: made, change: { subject: 'apiKey', action: 'created', targetId: made.row.id, targetName: made.row.name, detail: null } };
  });
}
