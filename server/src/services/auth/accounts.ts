import type { PasswordChangeBody, SessionInfo, User, UserAccount } from '@vigil/shared';
import type { SocketEndReason } from '../../realtime/end-user-sockets.js';
import { conflict, notFound, unauthorized } from '../../lib/http-error.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import {
  deleteUserSession,
  deleteUserSessions,
  findUserById,
  listUserSessions,
  listUsers,
  updateUser,
  type UserRow,
} from '../../repositories/users.repository.js';
import type { Deps } from '../deps.js';
import { auditedChange } from '../audit/record-audit.js';
import { admitLogin, loginFailed, loginSucceeded } from './login-throttle.js';
import { checkNewPassword, kdf } from './sessions.js';

/** Ends the sockets of ended sessions (realtime/end-user-sockets.ts); the routes pass the real one. */
export interface SessionSockets {
  endUser(userId: string, reason: SocketEndReason): void;
  endSession(sessionId: string, reason: SocketEndReason): void;
}

export function presentAccount(row: UserRow): UserAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function listAccounts(deps: Deps): Promise<UserAccount[]> {
  return (await listUsers(deps.db)).map(presentAccount);
}

async function userOrThrow(deps: Deps, userId: string): Promise<UserRow> {
  const row = await findUserById(deps.db, userId);
  if (!row) throw notFound(`userId: no user with id "${userId}"`);
  return row;
}

/**
 * Any user changes their own password with the current one. Their other sessions (and their
 * sockets) end; the one they are using stays.
 */
export async function changeOwnPassword(
  deps: Deps,
  sockets: SessionSockets,
  user: User,
  currentSessionId: string,
  body: PasswordChangeBody,
  address: string,
): Promise<void> {
  const row = await userOrThrow(deps, user.id);
  checkNewPassword('newPassword', body.newPassword, row);
  // Guessing the current password here is throttled like guessing it at the login.
  const attempt = { username: row.username, address };
  await admitLogin(deps, attempt);
  if (!(await kdf(() => verifyPassword(body.currentPassword, row.passwordHash, address)))) {
    await loginFailed(deps, attempt, row.id, 'password');
    throw unauthorized('currentPassword: is wrong');
  }
  await loginSucceeded(deps, attempt);
  const passwordHash = await kdf(() => hashPassword(body.newPassword, address));
  const ended = await auditedChange(deps, user, async (db) => {
    await updateUser(db, row.id, { passwordHash });
    const sessionIds = await deleteUserSessions(db, row.id, currentSessionId);
    return { value: sessionIds, change: { subject: 'user', action: 'passwordChanged', targetId: user.id, targetName: user.username, detail: null } };
  });
  for (const sessionId of ended) sockets.endSession(sessionId, 'password-changed');
}

/** An admin sets another user's password: every session of that user ends, sockets at once. */
export async function resetPassword(deps: Deps, sockets: SessionSockets, by: User, userId: string, password: string): Promise<UserAccount> {
  const row = await userOrThrow(deps, userId);
  checkNewPassword('password', password, row);
  const passwordHash = await kdf(() => hashPassword(password));
  const updated = await auditedChange(deps, by, async (db) => {
    const changed = await updateUser(db, row.id, { passwordHash });
    await deleteUserSessions(db, row.id);
    return { value: changed ?? row, change: { subject: 'user', action: 'passwordReset', targetId: row.id, targetName: row.username, detail: null } };
  });
  sockets.endUser(row.id, 'password-reset');
  return presentAccount(updated);
}

/** Disables (ending every session and socket) or enables a user. An admin cannot disable themself. */
export async function setDisabled(deps: Deps, sockets: SessionSockets, admin: User, userId: string, disabled: boolean): Promise<UserAccount> {
  const row = await userOrThrow(deps, userId);
  if (disabled && row.id === admin.id) throw conflict('userId: you cannot disable your own account');
  const updated = await auditedChange(deps, admin, async (db) => {
    const changed = await updateUser(db, row.id, { disabled });
    if (disabled) await deleteUserSessions(db, row.id);
    return { value: changed ?? row, change: { subject: 'user', action: disabled ? 'disabled' : 'enabled', targetId: row.id, targetName: row.username, detail: null } };
  });
  if (disabled) sockets.endUser(row.id, 'disabled');
  return presentAccount(updated);
}

export async function listSessions(deps: Deps, userId: string, currentSessionId: string | undefined): Promise<SessionInfo[]> {
  await userOrThrow(deps, userId);
  return (await listUserSessions(deps.db, userId, deps.clock())).map((row) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    address: row.address,
    userAgent: row.userAgent,
    current: row.id === currentSessionId,
  }));
}

export async function revokeSession(deps: Deps, sockets: SessionSockets, by: User, userId: string, sessionId: string): Promise<void> {
  const row = await userOrThrow(deps, userId);
  await auditedChange(deps, by, async (db) => {
    if (!(await deleteUserSession(db, userId, sessionId))) throw notFound(`sessionId: user "${userId}" has no session "${sessionId}"`);
    return { value: undefined, change: { subject: 'user', action: 'sessionRevoked', targetId: userId, targetName: row.username, detail: null } };
  });
  sockets.endSession(sessionId, 'session-revoked');
}
