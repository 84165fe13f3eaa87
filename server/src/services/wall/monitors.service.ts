import { withLayout, type Monitor, type MonitorCreateBody, type MonitorUpdateBody, type User } from '@vigil/shared';
import { conflict, notFound } from '../../lib/http-error.js';
import { findSite } from '../../repositories/sites.repository.js';
import { findMonitor, listMonitors, monitorDelete, monitorUpsert } from '../../repositories/wall.repository.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { loadMonitor } from './wall-checks.js';
import { runWallChange } from './wall-transaction.js';

/** Adds a monitor to the wall (`wall.monitorSaved`), empty in its layout, at the end unless placed. */
export async function createMonitor(deps: Deps, body: MonitorCreateBody, user: User): Promise<{ monitor: Monitor; seq: number }> {
  let monitor: Monitor | undefined;
  const { seq } = await runWallChange(deps, user, null, async (wall) => {
    if (await findMonitor(wall.tx, body.id)) throw conflict(`id: a monitor "${body.id}" already exists`);
    if (!siteAllowed(viewerOf(user), body.siteId) || !(await findSite(wall.tx, body.siteId))) throw notFound(`siteId: no site with id "${body.siteId}"`);
    const position = body.position ?? (await listMonitors(wall.tx)).reduce((last, row) => Math.max(last, row.position + 1), 0);
    monitor = {
      id: body.id,
      siteId: body.siteId,
      name: body.name,
      nameEn: body.nameEn ?? null,
      position,
      view: withLayout({ layout: body.layout, tiles: [] }, body.layout),
      alarmRule: body.alarmRule,
      releasedAlarmIds: [],
    };
    await wall.append(monitorUpsert(wall.tx, monitor), { type: 'wall.monitorSaved', siteId: monitor.siteId, payload: { monitor } });
  });
  return { monitor: monitor!, seq };
}

/** Renames, moves or changes the alarm rule of a monitor; what it shows stays. */
export async function updateMonitor(deps: Deps, monitorId: string, body: MonitorUpdateBody, user: User): Promise<{ monitor: Monitor; seq: number }> {
  let monitor: Monitor | undefined;
  const { seq } = await runWallChange(deps, user, null, async (wall) => {
    const existing = await loadMonitor(wall.tx, monitorId, viewerOf(user));
    monitor = {
      ...existing,
      name: body.name ?? existing.name,
      nameEn: body.nameEn === undefined ? existing.nameEn : body.nameEn,
      position: body.position ?? existing.position,
      alarmRule: body.alarmRule === undefined ? existing.alarmRule : body.alarmRule,
    };
    await wall.append(monitorUpsert(wall.tx, monitor), { type: 'wall.monitorSaved', siteId: monitor.siteId, payload: { monitor } });
  });
  return { monitor: monitor!, seq };
}

export function removeMonitor(deps: Deps, monitorId: string, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, null, async (wall) => {
    const monitor = await loadMonitor(wall.tx, monitorId, viewerOf(user));
    await wall.append(monitorDelete(wall.tx, monitor.id), { type: 'wall.monitorRemoved', siteId: monitor.siteId, payload: { monitorId: monitor.id } });
  });
}
