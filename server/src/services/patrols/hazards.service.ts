import { HAZARD_TRANSITIONS, MAX_HAZARD_PHOTOS, can, reportPhotoType, type Hazard, type HazardCommand, type HazardReportInput, type User } from '@vigil/shared';
import { HttpError, badRequest, forbidden, notFound } from '../../lib/http-error.js';
import { findHazard, findHazardPhoto, hazardInsert, hazardPhotoAppend, hazardUpdate, insertHazardPhoto, listHazards } from '../../repositories/patrols.repository.js';
import { findDevice, findSite } from '../../repositories/sites.repository.js';
import { findUserById, type UserRow } from '../../repositories/users.repository.js';
import type { Executor } from '../../db/client.js';
import { presentUser } from '../../presenters/user.presenter.js';
import { presentHazard } from '../../presenters/patrol.presenter.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { idFromCommand, personOf, userActor } from '../incidents/incident-log.js';
import { inScope, readScopeOf } from '../scope.js';

/** Hazards (隐患): reported by anyone on the site, assigned and verified by a commander, rectified by the assignee. */

const DONE: Record<string, string> = { assign: 'assigned', rectify: 'rectified', verify: 'verified', photo: 'given more photos' };
const invalidState = (hazard: { state: string }, command: string) =>
  new HttpError(409, 'invalid_state', `state: a hazard that is ${hazard.state} cannot be ${DONE[command] ?? command}`, {
    field: 'state',
    rule: 'hazardTransition',
    state: hazard.state,
  });

export async function reportHazard(deps: Deps, input: HazardReportInput, user: User): Promise<{ seq: number; hazard: Hazard }> {
  const scope = await readScopeOf(deps.db, user);
  if (!inScope(scope, input.siteId) || !(await findSite(deps.db, input.siteId))) throw badRequest(`siteId: no site "${input.siteId}" of yours`);
  let location = input.position ? { position: input.position, floor: input.floor } : null;
  if (input.deviceId) {
    const device = await findDevice(deps.db, input.deviceId);
    if (!device || device.siteId !== input.siteId) throw badRequest(`deviceId: no device "${input.deviceId}" on site "${input.siteId}"`);
    location ??= { position: [device.x, device.y], floor: device.floor };
  }
  const id = idFromCommand('hazard', input.commandId);
  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.commandId, userId: user.id, name: 'hazard.report' } }, async (log) => {
    const hazard: Hazard = {
      id,
      siteId: input.siteId,
      state: 'open',
      note: input.note,
      location,
      deviceId: input.deviceId,
      tourId: input.tourId,
      reportedBy: personOf(user),
      reportedAt: log.now.toISOString(),
      assignee: null,
      assignedAt: null,
      rectifiedAt: null,
      rectifyNote: null,
      verifiedAt: null,
      verifiedBy: null,
      photoIds: [],
    };
    await log.append(
      hazardInsert(log.tx, {
        id,
        stream: log.stream,
        siteId: hazard.siteId,
        state: 'open',
        note: hazard.note,
        position: location?.position ?? null,
        floor: location?.floor ?? null,
        deviceId: hazard.deviceId,
        tourId: hazard.tourId,
        reportedById: user.id,
        reportedByName: user.displayName,
        reportedAt: log.now,
      }),
      { type: 'hazard.reported', siteId: hazard.siteId, actor: userActor(user), payload: { hazard } },
    );
    return hazard;
  });
  const hazard = done.replayed ? presentHazard((await findHazard(deps.db, deps.stream, id))!) : done.value;
  return { seq: done.seq, hazard };
}

/** The hazard, for a user who may act on it: its site's people; a guard only their own or one given to them. */
async function hazardFor(log: CommandLog | Deps, hazardId: string, user: User) {
  const db = 'tx' in log ? log.tx : log.db;
  const scope = await readScopeOf(db, user);
  const row = await findHazard(db, log.stream, hazardId);
  const own = row && (scope.guardId === undefined || row.reportedById === user.id || row.assigneeId === user.id);
  if (!row || !inScope(scope, row.siteId) || !own) throw notFound(`hazardId: no hazard "${hazardId}"`);
  return row;
}

function checkTransition(row: { state: Hazard['state'] }, command: HazardCommand) {
  const transition = HAZARD_TRANSITIONS[command];
  if (!(transition.from as readonly string[]).includes(row.state)) throw invalidState(row, command);
  return transition;
}

export async function addHazardPhoto(deps: Deps, hazardId: string, commandId: string, photo: Uint8Array, user: User): Promise<{ seq: number; photoId: string }> {
  const checked = reportPhotoType(photo);
  if (!checked.ok) throw new HttpError(checked.status, checked.status === 400 ? 'validation' : 'unsupported_media_type', checked.message);
  const photoId = idFromCommand('hazard-photo', commandId);
  const done = await runCommand(deps, { stream: deps.stream, command: { id: commandId, userId: user.id, name: 'hazard.photo' } }, async (log) => {
    const row = await hazardFor(log, hazardId, user);
    if (row.state === 'verified') throw invalidState(row, 'photo');
    if (row.photoIds.length >= MAX_HAZARD_PHOTOS) throw badRequest(`photo: a hazard has at most ${MAX_HAZARD_PHOTOS} photos`);
    await insertHazardPhoto(log.tx, { id: photoId, hazardId, stream: log.stream, mime: checked.type, size: photo.length, bytes: photo, takenById: user.id, createdAt: log.now });
    await log.append(hazardPhotoAppend(log.tx, hazardId, photoId), { type: 'hazard.photoAdded', siteId: row.siteId, actor: userActor(user), payload: { hazardId, photoId } });
  });
  return { seq: done.seq, photoId };
}

/**
 * Whom a hazard may be given to: a login that could mark it rectified — one not disabled, whose
 * role reports hazards and whose scope holds the hazard's site (a guard: on that site's roster).
 */
async function checkAssignee(db: Executor, assignee: UserRow, siteId: string): Promise<void> {
  const name = `"${assignee.displayName}"`;
  if (assignee.disabled) throw badRequest(`userId: ${name} is disabled`);
  if (!can(assignee.role, 'hazards.report')) throw badRequest(`userId: ${name} is a ${assignee.role} login, which cannot rectify a hazard`);
  if (!inScope(await readScopeOf(db, presentUser(assignee)), siteId)) throw badRequest(`userId: ${name} is not on site "${siteId}"`);
}

export async function assignHazard(deps: Deps, hazardId: string, commandId: string, assigneeId: string, user: User): Promise<{ seq: number }> {
  const assignee = await findUserById(deps.db, assigneeId);
  if (!assignee) throw badRequest(`userId: no user "${assigneeId}"`);
  const done = await runCommand(deps, { stream: deps.stream, command: { id: commandId, userId: user.id, name: 'hazard.assign' } }, async (log) => {
    const row = await hazardFor(log, hazardId, user);
    const transition = checkTransition(row, 'assign');
    await checkAssignee(log.tx, assignee, row.siteId);
    const person = { id: assignee.id, name: assignee.displayName };
    const assignedAt = log.now;
    // The hazard as assigned travels with the event: the assignee's phone may not hold it yet.
    const hazard: Hazard = { ...presentHazard(row), state: transition.to, assignee: person, assignedAt: assignedAt.toISOString() };
    const previous = row.assigneeId && row.assigneeId !== person.id ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null;
    await log.append(hazardUpdate(log.tx, hazardId, transition.from, { state: transition.to, assigneeId: person.id, assigneeName: person.name, assignedAt }), {
      type: 'hazard.assigned',
      siteId: row.siteId,
      actor: userActor(user),
      payload: { hazardId, assignee: person, by: personOf(user), hazard, previous },
    });
  });
  return { seq: done.seq };
}

export async function rectifyHazard(deps: Deps, hazardId: string, commandId: string, note: string, user: User, handles: boolean): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: commandId, userId: user.id, name: 'hazard.rectify' } }, async (log) => {
    const row = await hazardFor(log, hazardId, user);
    if (!handles && row.assigneeId !== user.id) throw forbidden('forbidden: only the assignee or a commander may mark this hazard rectified');
    const transition = checkTransition(row, 'rectify');
    await log.append(hazardUpdate(log.tx, hazardId, transition.from, { state: transition.to, rectifiedAt: log.now, rectifyNote: note }), {
      type: 'hazard.rectified',
      siteId: row.siteId,
      actor: userActor(user),
      payload: { hazardId, note, by: personOf(user) },
    });
  });
  return { seq: done.seq };
}

export async function verifyHazard(deps: Deps, hazardId: string, commandId: string, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream, command: { id: commandId, userId: user.id, name: 'hazard.verify' } }, async (log) => {
    const row = await hazardFor(log, hazardId, user);
    const transition = checkTransition(row, 'verify');
    await log.append(hazardUpdate(log.tx, hazardId, transition.from, { state: transition.to, verifiedAt: log.now, verifiedById: user.id, verifiedByName: user.displayName }), {
      type: 'hazard.verified',
      siteId: row.siteId,
      actor: userActor(user),
      payload: { hazardId, by: personOf(user) },
    });
  });
  return { seq: done.seq };
}

export async function readHazards(deps: Deps, user: User, query: { siteId?: string; state?: Hazard['state'] }): Promise<Hazard[]> {
  const scope = await readScopeOf(deps.db, user);
  const siteIds = query.siteId ? (inScope(scope, query.siteId) ? [query.siteId] : []) : scope.siteIds;
  const rows = await listHazards(deps.db, deps.stream, { siteIds, state: query.state, reporterId: scope.guardId === undefined ? undefined : user.id, limit: 500 });
  return rows.map(presentHazard);
}

export async function readHazardPhoto(deps: Deps, hazardId: string, photoId: string, user: User): Promise<{ mime: string; bytes: Uint8Array }> {
  await hazardFor(deps, hazardId, user);
  const photo = await findHazardPhoto(deps.db, deps.stream, hazardId, photoId);
  if (!photo) throw notFound(`photoId: no photo "${photoId}" on hazard "${hazardId}"`);
  return { mime: photo.mime, bytes: photo.bytes };
}
