import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import { findActiveApiKey, insertApiKey, type ApiKeyRow } from '../../repositories/api-keys.repository.js';

/** Creates an ingest key; the key itself is shown once and only its hash is kept. */
export async function createApiKey(db: Db, name: string, key = `vk_${newToken(24)}`): Promise<{ row: ApiKeyRow; key: string }> {
  const row = await insertApiKey(db, { id: randomUUID(), name, keyHash: sha256(key) });
  return { row, key };
}

export async function apiKeyFor(db: Db, key: string | undefined): Promise<ApiKeyRow | undefined> {
  if (!key || key.length > 256) return undefined;
  return findActiveApiKey(db, sha256(key));
}
