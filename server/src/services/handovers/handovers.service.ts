import { randomUUID } from 'node:crypto';
import { can, type Handover, type HandoverAcknowledgeBody, type HandoverOpenBody, type HandoverSummary, type Role, type User } from '@vigil/shared';
import { conflict, forbidden, notFound, unprocessable } from '../../lib/http-error.js';
import { findSite } from '../../repositories/sites.repository.js';
import { findUserById } from '../../repositories/users.repository.js';
import {
  dutyOfficersOf,
  findHandover,
  handoverAcknowledge,
  handoverInsert,
  listHandovers,
  pendingHandover,
  type HandoverRow,
} from '../../repositories/handovers.repository.js';
import { presentHandover } from '../../presenters/handover.presenter.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { composeHandoverSummary } from './compose-handover.js';

const actorOf = (user: User) => ({ kind: 'user' as const, id: user.id, name: user.displayName });
const blankToNull = (text: string | undefined) => (text === undefined || text === '' ? null : text);

/** The site, if it exists and the user may see it; 404 alike otherwise. */
async function siteOf(deps: Deps, user: User, siteId: string): Promise<void> {
  if (!siteAllowed(viewerOf(user), siteId) || !(await findSite(deps.db, siteId))) throw notFound(`siteId: no site with id "${siteId}"`);
}

/** What a handover of this site would list now (the form's preview). */
export async function previewHandover(deps: Deps, user: User, siteId: string): Promise<HandoverSummary> {
  await siteOf(deps, user, siteId);
  return composeHandoverSummary(deps.db, deps.stream, siteId, deps.clock());
}

/** The officers a shift may be handed to on a site: duty roles allowed on it, not the asking one. */
export async function handoverOfficers(deps: Deps, user: User, siteId: string) {
  await siteOf(deps, user, siteId);
  return (await dutyOfficersOf(deps.db, siteId)).filter((officer) => officer.id !== user.id);
}

/**
 * The outgoing officer hands the site's shift over: the server composes what is open, inside the
 * command (the summary is what the log says was open at its seq). One handover waits at a time.
 */
export async function openHandover(deps: Deps, user: User, body: HandoverOpenBody): Promise<Handover> {
  await siteOf(deps, user, body.siteId);
  const to = body.toUserId === undefined ? null : await incomingOfficer(deps, user, body.siteId, body.toUserId);
  const done = await runCommand(deps, { stream: deps.stream }, async (log) => {
    const waiting = await pendingHandover(log.tx, log.stream, body.siteId);
    if (waiting) throw conflict(`siteId: a handover of this site by ${waiting.fromName} is waiting to be acknowledged`, { field: 'siteId', rule: 'handoverWaiting', name: waiting.fromName });
    const row: HandoverRow = {
      id: randomUUID(),
      stream: log.stream,
      siteId: body.siteId,
      fromId: user.id,
      fromName: user.displayName,
      toId: to?.id ?? null,
      toName: to?.displayName ?? null,
      note: blankToNull(body.note),
      summary: await composeHandoverSummary(log.tx, log.stream, body.siteId, log.now),
      openedAt: log.now,
      acknowledgedAt: null,
      acknowledgedById: null,
      acknowledgedByName: null,
      acknowledgeNote: null,
    };
    const handover = presentHandover(row);
    await log.append(handoverInsert(log.tx, row), { type: 'handover.opened', siteId: row.siteId, actor: actorOf(user), payload: { handover } });
    return handover;
  });
  return done.value;
}

/** The officer named as the incoming one: another enabled login of a duty role, allowed on the site. */
async function incomingOfficer(deps: Deps, user: User, siteId: string, toUserId: string) {
  if (toUserId === user.id) throw unprocessable('toUserId: must be another officer than the one handing over', { field: 'toUserId', rule: 'handoverToSelf' });
  const row = await findUserById(deps.db, toUserId);
  const dutyRole = (role: Role) => can(role, 'shift.handover');
  if (!row || row.disabled || !dutyRole(row.role) || !(row.siteIds === null || row.siteIds.includes(siteId))) {
    throw unprocessable(`toUserId: no duty officer with id "${toUserId}" on this site`, { field: 'toUserId', rule: 'handoverNoOfficer' });
  }
  return row;
}

/** The incoming officer takes the shift over: not the one who handed it over; the named one, if one was named. */
export async function acknowledgeHandover(deps: Deps, user: User, handoverId: string, body: HandoverAcknowledgeBody): Promise<Handover> {
  const found = await findHandover(deps.db, handoverId);
  if (!found || found.stream !== deps.stream || !siteAllowed(viewerOf(user), found.siteId)) throw notFound(`handoverId: no handover with id "${handoverId}"`);
  if (found.fromId === user.id) throw forbidden('handoverId: the officer who handed the shift over cannot acknowledge it, the incoming officer must', { field: 'handoverId', rule: 'handoverOwn' });
  if (found.toId !== null && found.toId !== user.id) throw forbidden(`handoverId: this shift was handed to ${found.toName ?? found.toId}`, { field: 'handoverId', rule: 'handoverNotYours', name: found.toName ?? found.toId });
  const note = blankToNull(body.note);
  const done = await runCommand(deps, { stream: deps.stream }, async (log) => {
    const by = { id: user.id, name: user.displayName };
    const event = await log.appendIfChanged(handoverAcknowledge(log.tx, handoverId, { at: log.now, byId: by.id, byName: by.name, note }), {
      type: 'handover.acknowledged',
      siteId: found.siteId,
      actor: actorOf(user),
      payload: { handoverId, by, note },
    });
    if (!event) throw conflict('handoverId: this handover was already acknowledged', { field: 'handoverId', rule: 'handoverDone' });
    return (await findHandover(log.tx, handoverId))!;
  });
  return presentHandover(done.value);
}

/** A site's handovers, newest first (the waiting one, if any, among them). */
export async function siteHandovers(deps: Deps, user: User, siteId: string, limit: number): Promise<Handover[]> {
  await siteOf(deps, user, siteId);
  return (await listHandovers(deps.db, deps.stream, siteId, limit)).map(presentHandover);
}
