import type { User } from '@vigil/shared';
import type { UserRow } from '../repositories/users.repository.js';

export function presentUser(row: UserRow): User {
  return { id: row.id, username: row.username, displayName: row.displayName, role: row.role, siteIds: row.siteIds ?? null };
}
