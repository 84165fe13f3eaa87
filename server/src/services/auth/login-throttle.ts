import { AUDIT_SITE_ID } from '@vigil/shared';
import type { Deps } from '../deps.js';
import { tooManyRequests } from '../../lib/http-error.js';
import { runCommand } from '../append.js';
import { NO_STATE_CHANGE } from '../audit/record-audit.js';
import {
  clearAccount,
  countAccountAttempt,
  findThrottle,
  lockAccount,
  pruneThrottles,
  returnAddressToken,
  takeAddressToken,
} from '../../repositories/login-throttles.repository.js';

const MINUTE = 60_000;
/** An account locks after this many failures within ACCOUNT_WINDOW_MS … */
export const ACCOUNT_MAX_FAILURES = 5;
export const ACCOUNT_WINDOW_MS = 15 * MINUTE;
/** … for 1 minute, then 2, 4 … up to an hour for each lockout in a row. */
const LOCK_BASE_MS = MINUTE;
const LOCK_MAX_MS = 60 * MINUTE;
/** An address may try 10 logins at once, then one every 20 seconds (successes are free). */
export const ADDRESS_CAPACITY = 10;
export const ADDRESS_REFILL_MS = 20_000;
/** Rows idle this long are pruned, at most every PRUNE_EVERY_MS, by a login attempt. */
const IDLE_MS = 24 * 60 * MINUTE;
const PRUNE_EVERY_MS = 10 * MINUTE;

const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `address:${address}`;

export function lockDuration(previousLockouts: number): number {
  return Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** Math.min(previousLockouts, 16));
}

export interface LoginAttempt {
  username: string;
  address: string;
}

const lastPrune = new WeakMap<Deps['db'], number>();

async function pruneNowAndThen(deps: Deps, now: Date): Promise<void> {
  const last = lastPrune.get(deps.db) ?? 0;
  if (now.getTime() - last < PRUNE_EVERY_MS) return;
  lastPrune.set(deps.db, now.getTime());
  await pruneThrottles(deps.db, new Date(now.getTime() - IDLE_MS), now);
}

/**
 * Refuses (429 with Retry-After) an attempt the address or the account is not allowed now,
 * before any password work is done; otherwise counts it. Call `succeeded` or `failed` after.
 */
export async function admitLogin(deps: Deps, attempt: LoginAttempt): Promise<void> {
  const now = deps.clock();
  await pruneNowAndThen(deps, now);
  const address = await takeAddressToken(deps.db, addressKey(attempt.address), now, ADDRESS_CAPACITY, ADDRESS_REFILL_MS);
  if (address.tokens < 0) {
    throw tooManyRequests('too many login attempts from this address; try again later', -address.tokens * ADDRESS_REFILL_MS);
  }
  const account = await countAccountAttempt(deps.db, accountKey(attempt.username), now, ACCOUNT_WINDOW_MS);
  if (account.lockedUntil && account.lockedUntil > now) {
    throw tooManyRequests('username: this account is locked after too many failed logins; try again later', account.lockedUntil.getTime() - now.getTime());
  }
  if (account.failures > ACCOUNT_MAX_FAILURES) {
    // Others are being checked right now; the lock they will set is at least this long.
    throw tooManyRequests('username: too many login attempts for this account; try again later', lockDuration(account.lockouts));
  }
}

export async function loginSucceeded(deps: Deps, attempt: LoginAttempt): Promise<void> {
  await clearAccount(deps.db, accountKey(attempt.username), deps.clock());
  await returnAddressToken(deps.db, addressKey(attempt.address), ADDRESS_CAPACITY);
}

/**
 * A wrong password (already counted by admitLogin). At the limit the account locks, and the
 * lockout is appended to the `audit` stream in the same transaction: one event per lockout,
 * however many attempts fail at once.
 */
export async function loginFailed(deps: Deps, attempt: LoginAttempt, userId: string | null, reason: 'password' | 'disabled'): Promise<void> {
  const key = accountKey(attempt.username);
  const username = attempt.username.trim().toLowerCase();
  // Audit events are not operational state: they go to the `audit` stream, whatever the caller's.
  await runCommand(deps, { stream: 'audit' }, async ({ tx, now, append }) => {
    // Every refused attempt is recorded (the throttle bounds how many there can be); the one
    // attempted is the actor, by the name typed (`id` empty when no such user exists).
    await append(NO_STATE_CHANGE, {
      siteId: AUDIT_SITE_ID,
      type: 'auth.loginFailed',
      actor: { kind: 'user', id: userId ?? '', name: username },
      payload: { username, userId, address: attempt.address, reason },
    });
    const row = await findThrottle(tx, key);
    const locked = row?.lockedUntil && row.lockedUntil > now;
    if (!row || locked || row.failures < ACCOUNT_MAX_FAILURES) return;
    const until = new Date(now.getTime() + lockDuration(row.lockouts));
    await append(lockAccount(tx, key, now, until), {
      siteId: AUDIT_SITE_ID,
      type: 'auth.lockedOut',
      actor: { kind: 'system', id: 'login-throttle', name: 'login throttle' },
      payload: {
        username: attempt.username.trim().toLowerCase(),
        userId,
        address: attempt.address,
        failures: row.failures,
        lockedUntil: until.toISOString(),
        lockout: row.lockouts + 1,
      },
    });
  });
}
