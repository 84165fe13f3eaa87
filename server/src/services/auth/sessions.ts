import { randomUUID } from 'node:crypto';
import type { LoginBody, Role, User, UserCreateBody, UserPatchBody } from '@vigil/shared';
import type { Db } from '../../db/client.js';
import { conflict, notFound, unauthorized, unprocessable } from '../../lib/http-error.js';
import { findSite } from '../../repositories/sites.repository.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../lib/passwords.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import {
  deleteSession,
  findSessionUser,
  findUserByUsername,
  insertSession,
  findUserById,
  insertUser,
  updateUserSites,
} from '../../repositories/users.repository.js';
import { presentUser } from '../../presenters/user.presenter.js';
import type { Clock } from '../../lib/clock.js';

const HOUR = 3_600_000;
/** A person's session lasts a long shift; a wall screen's a month. */
const SESSION_TTL: Record<Role, number> = {
  admin: 12 * HOUR,
  commander: 14 * HOUR,
  operator: 14 * HOUR,
  guard: 14 * HOUR,
  wall: 30 * 24 * HOUR,
};

export interface LoginResult {
  user: User;
  token: string;
  expiresAt: Date;
}

export async function login(db: Db, clock: Clock, body: LoginBody): Promise<LoginResult> {
  const row = await findUserByUsername(db, body.username);
  const valid = await verifyPassword(body.password, row?.passwordHash ?? DUMMY_HASH);
  if (!row || !valid || row.disabled) throw unauthorized('username or password is wrong');
  const token = newToken();
  const expiresAt = new Date(clock().getTime() + SESSION_TTL[row.role]);
  await insertSession(db, { id: sha256(token), userId: row.id, expiresAt });
  return { user: presentUser(row), token, expiresAt };
}

export async function userForToken(db: Db, clock: Clock, token: string | undefined): Promise<User | undefined> {
  if (!token || token.length > 128) return undefined;
  const row = await findSessionUser(db, sha256(token), clock());
  return row ? presentUser(row) : undefined;
}

export async function logout(db: Db, token: string): Promise<void> {
  await deleteSession(db, sha256(token));
}

export async function createUser(db: Db, body: UserCreateBody): Promise<User> {
  if (await findUserByUsername(db, body.username)) throw conflict(`username: "${body.username}" is taken`);
  const row = await insertUser(db, {
    id: randomUUID(),
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    passwordHash: await hashPassword(body.password),
    siteIds: await checkedSites(db, body.siteIds ?? null),
  });
  return presentUser(row);
}

/** Every listed site must exist; the error names the first that does not. */
async function checkedSites(db: Db, siteIds: string[] | null): Promise<string[] | null> {
  if (siteIds === null) return null;
  for (const [index, siteId] of siteIds.entries()) {
    if (!(await findSite(db, siteId))) throw unprocessable(`siteIds[${index}]: no site with id "${siteId}"`);
  }
  return [...new Set(siteIds)];
}

/**
 * An admin's change to a login: `siteIds` limits it to some sites (null is every site). Its open
 * sockets see the change on their next connect.
 */
export async function updateUser(db: Db, userId: string, body: UserPatchBody): Promise<User> {
  const row = body.siteIds === undefined ? await findUserById(db, userId) : await updateUserSites(db, userId, await checkedSites(db, body.siteIds));
  if (!row) throw notFound(`id: no user with id "${userId}"`);
  return presentUser(row);
}
