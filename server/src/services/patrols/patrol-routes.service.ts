import { randomUUID } from 'node:crypto';
import type { PatrolRoute, PatrolRouteInput, User } from '@vigil/shared';
import { badRequest, forbidden, notFound } from '../../lib/http-error.js';
import { findGuard } from '../../repositories/guards.repository.js';
import { findRoute, routeToursToCancel, toursCancel, listRoutes, routeInsert, routeUpdate, type PatrolRouteRow } from '../../repositories/patrols.repository.js';
import { findSiteRows } from '../../repositories/sites.repository.js';
import type { Executor } from '../../db/client.js';
import { presentRoute } from '../../presenters/patrol.presenter.js';
import { runCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';
import { userActor } from '../incidents/incident-log.js';
import { siteAllowed, viewerOf } from '../scope.js';

/**
 * Patrol routes (巡更路线): reference data in the live stream, like the site they are drawn on.
 * Saving a route cancels its tours not yet begun, which the scheduler expands again from the new
 * route (a tour being walked keeps its copy); saving it inactive or retiring it cancels every
 * tour not done, so nobody's absence raises a `patrol_missed` alarm on a route that is gone.
 */

async function cancelTours(log: CommandLog, route: { id: string; siteId: string }, user: User, retired: boolean): Promise<void> {
  const tours = await routeToursToCancel(log.tx, route.id, log.now, retired);
  if (tours.length === 0) return;
  await log.append(toursCancel(log.tx, tours.map((tour) => tour.id), log.now), {
    type: 'patrol.toursCancelled',
    siteId: route.siteId,
    actor: userActor(user),
    payload: { routeId: route.id, reason: retired ? 'routeRetired' : 'routeChanged', tours },
  });
}

async function checkRoute(db: Executor, input: PatrolRouteInput, user: User): Promise<void> {
  if (!siteAllowed(viewerOf(user), input.siteId)) throw forbidden(`siteId: you may not edit site "${input.siteId}"`);
  const rows = await findSiteRows(db, input.siteId);
  if (!rows) throw badRequest(`siteId: no site "${input.siteId}"`);
  const devices = new Map(rows.devices.map((device) => [device.id, device]));
  input.checkpoints.forEach((checkpoint, index) => {
    const device = devices.get(checkpoint.deviceId);
    if (!device) throw badRequest(`checkpoints[${index}].deviceId: no device "${checkpoint.deviceId}" on site "${input.siteId}"`);
    if (device.kind !== 'checkpoint') throw badRequest(`checkpoints[${index}].deviceId: "${checkpoint.deviceId}" is a ${device.kind}, not a patrol checkpoint`);
  });
  const tags = input.checkpoints.flatMap((checkpoint) => (checkpoint.nfcTagId ? [checkpoint.nfcTagId] : []));
  if (new Set(tags).size !== tags.length) throw badRequest('checkpoints: an NFC tag id may appear only once');
  if (input.guardId) {
    const guard = await findGuard(db, input.guardId);
    if (!guard || guard.siteId !== input.siteId) throw badRequest(`guardId: no guard "${input.guardId}" on site "${input.siteId}"`);
  }
}

function rowOf(input: PatrolRouteInput, now: Date): Omit<PatrolRouteRow, 'id' | 'removedAt'> {
  return {
    siteId: input.siteId,
    name: input.name,
    nameEn: input.nameEn,
    checkpoints: input.checkpoints,
    timeZone: input.schedule.timeZone,
    startTime: input.schedule.start,
    endTime: input.schedule.end,
    everyMinutes: input.schedule.everyMinutes,
    guardId: input.guardId,
    post: input.post,
    radiusM: input.radiusM,
    allowArrival: input.allowArrival,
    graceMinutes: input.graceMinutes,
    active: input.active,
    scheduledUntil: null,
    updatedAt: now,
  };
}

/** A new route (routeId undefined) or the whole of an existing one. */
export async function saveRoute(deps: Deps, input: PatrolRouteInput, user: User, routeId?: string): Promise<{ seq: number; route: PatrolRoute }> {
  await checkRoute(deps.db, input, user);
  const id = routeId ?? randomUUID();
  const done = await runCommand(deps, { stream: 'live' }, async (log) => {
    const row = rowOf(input, log.now);
    if (routeId) {
      const existing = await findRoute(log.tx, routeId);
      if (!existing) throw notFound(`routeId: no patrol route "${routeId}"`);
      if (!siteAllowed(viewerOf(user), existing.siteId)) throw forbidden(`routeId: you may not edit route "${routeId}"`);
    }
    const route = presentRoute({ ...row, id, removedAt: null });
    const change = routeId ? routeUpdate(log.tx, id, row) : routeInsert(log.tx, { ...row, id });
    await log.append(change, { type: 'patrol.routeSaved', siteId: input.siteId, actor: userActor(user), payload: { route } });
    if (routeId) await cancelTours(log, route, user, !route.active);
    return route;
  });
  return { seq: done.seq, route: done.value };
}

export async function removeRoute(deps: Deps, routeId: string, user: User): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: 'live' }, async (log) => {
    const existing = await findRoute(log.tx, routeId);
    if (!existing || !siteAllowed(viewerOf(user), existing.siteId)) throw notFound(`routeId: no patrol route "${routeId}"`);
    await log.append(routeUpdate(log.tx, routeId, { removedAt: log.now, active: false, updatedAt: log.now }), {
      type: 'patrol.routeRemoved',
      siteId: existing.siteId,
      actor: userActor(user),
      payload: { routeId },
    });
    await cancelTours(log, existing, user, true);
  });
  return { seq: done.seq };
}

export async function readRoutes(deps: Deps, user: User, siteId?: string): Promise<PatrolRoute[]> {
  const siteIds = siteId ? (siteAllowed(viewerOf(user), siteId) ? [siteId] : []) : user.siteIds;
  return (await listRoutes(deps.db, siteIds)).map(presentRoute);
}

export async function readRoute(deps: Deps, routeId: string, user: User): Promise<PatrolRoute> {
  const row = await findRoute(deps.db, routeId);
  if (!row || !siteAllowed(viewerOf(user), row.siteId)) throw notFound(`routeId: no patrol route "${routeId}"`);
  return presentRoute(row);
}
