import { randomUUID } from 'node:crypto';
import type { LoginBody, Role, User, UserCreateBody, UserPatchBody } from '@vigil/shared';
import { passwordProblem } from '@vigil/shared/password-strength';
import type { Db } from '../../db/client.js';
import { LimiterFull } from '../../lib/fair-limiter.js';
import { HttpError, badRequest, conflict, notFound, unauthorized, unprocessable } from '../../lib/http-error.js';
import { findSite } from '../../repositories/sites.repository.js';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../../lib/passwords.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import {
  deleteSession,
  findLiveSession,
  findUserByUsername,
  insertSession,
  findUserById,
  insertUser,
  touchSession,
  updateUser,
  updateUserSites as storeUserSites,
} from '../../repositories/users.repository.js';
import { presentUser } from '../../presenters/user.presenter.js';
import type { Clock } from '../../lib/clock.js';
import type { Deps } from '../deps.js';
import { admitLogin, loginFailed, loginSucceeded } from './login-throttle.js';
import { auditedChange, recordAudit } from '../audit/record-audit.js';

const HOUR = 3_600_000;
/** A person's session lasts a long shift; a wall screen's a month. */
const SESSION_TTL: Record<Role, number> = {
  admin: 12 * HOUR,
  commander: 14 * HOUR,
  operator: 14 * HOUR,
  guard: 14 * HOUR,
  wall: 30 * 24 * HOUR,
};
/** A session's "last seen" is written at most this often. */
const SEEN_EVERY_MS = 60_000;
/** What is kept of a client's User-Agent. */
const MAX_USER_AGENT = 256;

export interface LoginResult {
  user: User;
  token: string;
  expiresAt: Date;
}

/** Where a request came from, kept with the session and used by the login throttle. */
export interface ClientInfo {
  address: string;
  userAgent: string | undefined;
}

/** The password KDF, bounded (lib/passwords.ts): a full queue is a 503 to retry, not a wait. */
export async function kdf<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LimiterFull) throw new HttpError(503, 'busy', error.message, undefined, undefined, { 'retry-after': '1' });
    throw error;
  }
}

/**
 * Throttled before the KDF runs (login-throttle.ts), so refused attempts cost a query, not a
 * hash. A stored hash with older parameters is replaced with one at today's cost.
 */
export async function login(deps: Deps, body: LoginBody, client: ClientInfo): Promise<LoginResult> {
  const attempt = { username: body.username, address: client.address };
  await admitLogin(deps, attempt);
  const row = await findUserByUsername(deps.db, body.username);
  const valid = await kdf(() => verifyPassword(body.password, row?.passwordHash ?? DUMMY_HASH, client.address));
  if (!row || !valid || row.disabled) {
    await loginFailed(deps, attempt, row?.id ?? null, valid && row ? 'disabled' : 'password');
    throw unauthorized('username or password is wrong');
  }
  await loginSucceeded(deps, attempt);
  const now = deps.clock();
  const rehash = needsRehash(row.passwordHash) ? await kdf(() => hashPassword(body.password, client.address)) : undefined;
  await updateUser(deps.db, row.id, { lastLoginAt: now, ...(rehash ? { passwordHash: rehash } : {}) });
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL[row.role]);
  await insertSession(deps.db, {
    id: sha256(token),
    userId: row.id,
    expiresAt,
    lastSeenAt: now,
    address: client.address,
    userAgent: client.userAgent?.slice(0, MAX_USER_AGENT) ?? null,
  });
  await recordAudit(deps, {
    type: 'auth.loggedIn',
    actor: { kind: 'user', id: row.id, name: row.displayName },
    payload: { userId: row.id, username: row.username, role: row.role, address: client.address },
  });
  return { user: presentUser(row), token, expiresAt };
}

export interface LiveSession {
  user: User;
  /** The SHA-256 of the token (the sessions table's id). */
  sessionId: string;
  expiresAt: Date;
}

/** The live session behind a token, noting that it was seen (at most once a minute). */
export async function sessionForToken(db: Db, clock: Clock, token: string | undefined): Promise<LiveSession | undefined> {
  if (!token || token.length > 128) return undefined;
  const now = clock();
  const found = await findLiveSession(db, sha256(token), now);
  if (!found) return undefined;
  const { session } = found;
  if (!session.lastSeenAt || now.getTime() - session.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
    await touchSession(db, session.id, now, SEEN_EVERY_MS);
  }
  return { user: presentUser(found.user), sessionId: session.id, expiresAt: session.expiresAt };
}

export async function userForToken(db: Db, clock: Clock, token: string | undefined): Promise<User | undefined> {
  return (await sessionForToken(db, clock, token))?.user;
}

/** Ends the session; returns its id so its sockets can be ended too. */
export async function logout(db: Db, token: string): Promise<string> {
  const sessionId = sha256(token);
  await deleteSession(db, sessionId);
  return sessionId;
}

/** The password rule (shared/password-strength.ts), as a 400 naming the field. */
export function checkNewPassword(field: string, password: string, owner: { username: string; displayName?: string }): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw badRequest(`${field}: ${problem}`);
}

export async function createUser(deps: Deps, by: User, body: UserCreateBody): Promise<User> {
  const db = deps.db;
  if (await findUserByUsername(db, body.username)) throw conflict(`username: "${body.username}" is taken`);
  checkNewPassword('password', body.password, body);
  const fields = {
    id: randomUUID(),
    username: body.username,
    displayName: body.displayName,
    role: body.role,
    passwordHash: await kdf(() => hashPassword(body.password)),
    siteIds: await checkedSites(db, body.siteIds ?? null),
  };
  return auditedChange(deps, by, async (tx) => {
    const user = presentUser(await insertUser(tx, fields));
    return { value: user, change: { subject: 'user', action: 'created', targetId: user.id, targetName: user.username, detail: user.role } };
  });
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
 * An admin's change to a login: `siteIds` limits it to some sites (null is every site). The
 * route ends the login's open sockets, which reconnect into the new scope.
 */
export async function updateUserSites(deps: Deps, by: User, userId: string, body: UserPatchBody): Promise<User> {
  const missing = () => notFound(`userId: no user with id "${userId}"`);
  if (body.siteIds === undefined) {
    const row = await findUserById(deps.db, userId);
    if (!row) throw missing();
    return presentUser(row);
  }
  const siteIds = await checkedSites(deps.db, body.siteIds);
  return auditedChange(deps, by, async (db) => {
    const row = await storeUserSites(db, userId, siteIds);
    if (!row) throw missing();
    const user = presentUser(row);
    return { value: user, change: { subject: 'user', action: 'sitesChanged', targetId: user.id, targetName: user.username, detail: user.siteIds === null ? '*' : user.siteIds.join(',') } };
  });
}
