import { randomUUID } from 'node:crypto';
import { siteAllowed, type Actor, type GuardCreateBody, type GuardPatchBody, type GuardStatus, type Viewer } from '@vigil/shared';
import type { Tx } from '../../db/client.js';
import { conflict, unprocessable } from '../../lib/http-error.js';
import { findGuardByTracker, findGuardByUser, guardInsert, guardUpdate, type GuardRow } from '../../repositories/guards.repository.js';
import { findSite } from '../../repositories/sites.repository.js';
import { findUserById } from '../../repositories/users.repository.js';
import { presentGuard, presentRosterGuard } from '../../presenters/guard.presenter.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { loadGuard } from './load-guard.js';
import { setGuardStatusIn } from './set-guard-status.js';

/** The references a roster entry makes must exist and not belong to another guard. */
async function checkReferences(tx: Tx, guardId: string, fields: Partial<GuardCreateBody>, viewer: Viewer): Promise<void> {
  if (fields.siteId !== undefined && (!siteAllowed(viewer, fields.siteId) || !(await findSite(tx, fields.siteId)))) {
    throw unprocessable(`siteId: no site with id "${fields.siteId}"`);
  }
  if (fields.trackerId) {
    const holder = await findGuardByTracker(tx, fields.trackerId);
    if (holder && holder.id !== guardId) throw conflict(`trackerId: "${fields.trackerId}" is already guard ${holder.callsign}'s tracker`);
  }
  if (fields.userId) {
    if (!(await findUserById(tx, fields.userId))) throw unprocessable(`userId: no user with id "${fields.userId}"`);
    const holder = await findGuardByUser(tx, fields.userId);
    if (holder && holder.id !== guardId) throw conflict(`userId: the user is already linked to guard ${holder.callsign}`);
  }
}

async function commit(deps: Deps, work: (log: CommandLog) => Promise<GuardRow>) {
  const done = await runCommand(deps, { stream: deps.stream }, work);
  return { guard: presentRosterGuard(done.value), seq: done.seq };
}

/**
 * Adds a guard to a site's roster (`guard.saved`), with a new tracker URL secret: the tracker
 * reports to `/osmand/<trackerToken>`, shown this once (only its hash is kept).
 */
export async function createGuard(deps: Deps, input: GuardCreateBody, actor: Actor, viewer: Viewer) {
  const trackerToken = newToken(24);
  const created = await commit(deps, async ({ tx, now, append }) => {
    const id = randomUUID();
    await checkReferences(tx, id, input, viewer);
    const row: GuardRow = {
      id,
      ...input,
      status: input.onShift ? 'available' : 'off_duty',
      zoneIds: [],
      trackerTokenHash: sha256(trackerToken),
      createdAt: now,
    };
    await append(guardInsert(tx, row), {
      type: 'guard.saved',
      siteId: row.siteId,
      actor,
      payload: { guard: presentGuard(row) },
    });
    return row;
  });
  return { ...created, trackerToken };
}

/**
 * The status a roster shift change leads to: put on shift, an off-duty guard becomes available
 * (as a guard created on shift is); taken off shift, a guard goes off duty, except from `sos`,
 * which only resolving its alarm ends. Null: the status stays.
 */
function statusForShift(onShift: boolean, status: GuardStatus): GuardStatus | null {
  if (onShift) return status === 'off_duty' ? 'available' : null;
  return status === 'off_duty' || status === 'sos' ? null : 'off_duty';
}

/**
 * Changes a guard's roster fields (`guard.saved`). Putting a guard on shift or taking it off
 * also changes its status where `statusForShift` says, as its own `guard.statusChanged` (the
 * event the phone's status buttons append) in the same transaction.
 */
export function updateGuard(deps: Deps, id: string, patch: GuardPatchBody, actor: Actor, viewer: Viewer) {
  return commit(deps, async (log) => {
    const { tx, append } = log;
    const existing = await loadGuard(tx, id, viewer);
    await checkReferences(tx, id, patch, viewer);
    const row: GuardRow = { ...existing, ...patch };
    // A site change leaves the old site's zones behind.
    if (patch.siteId !== undefined && patch.siteId !== existing.siteId) row.zoneIds = [];
    await append(guardUpdate(tx, id, { ...patch, zoneIds: row.zoneIds }), {
      type: 'guard.saved',
      siteId: row.siteId,
      actor,
      payload: { guard: presentGuard(row) },
    });
    // Only a change of shift: a form that sends `onShift` unchanged leaves a status the guard chose alone.
    const status = row.onShift === existing.onShift ? null : statusForShift(row.onShift, existing.status);
    if (status === null) return row;
    await setGuardStatusIn(log, id, status, actor);
    return { ...row, status };
  });
}
