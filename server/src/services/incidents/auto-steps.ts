import { layoutFor, linkedCameras, ruleMatches, withLayout, type Alarm, type AutoAction, type Monitor, type Site, type TileContent } from '@vigil/shared';
import { findAlarm } from '../../repositories/alarms.repository.js';
import type { IncidentRow } from '../../repositories/incidents.repository.js';
import { findSiteRows } from '../../repositories/sites.repository.js';
import { listMonitors, monitorUpdate } from '../../repositories/wall.repository.js';
import { presentAlarm } from '../../presenters/alarm.presenter.js';
import { presentSite } from '../../presenters/site.presenter.js';
import { presentMonitor } from '../../presenters/wall.presenter.js';
import type { CommandLog } from '../append.js';
import { SYSTEM_ACTOR } from './incident-log.js';

/**
 * The site's alarm monitor for this incident: a monitor with an alarm rule (the wall's alarm
 * linkage, shared/domain/wall.ts), the first whose rule matches one of the incident's alarms,
 * else the first in wall order.
 */
function alarmMonitor(monitors: readonly Monitor[], alarms: readonly Alarm[]): Monitor | null {
  const linked = monitors.filter((monitor) => monitor.alarmRule !== null);
  return linked.find((monitor) => alarms.some((alarm) => ruleMatches(monitor.alarmRule!, alarm))) ?? linked[0] ?? null;
}

/**
 * The cameras the wall's alarm linkage brings up (`linkedCameras`), for each of the incident's
 * alarms and for its own place, most relevant first, at most the monitor's rule's count.
 */
function incidentCameras(incident: IncidentRow, alarms: readonly Alarm[], site: Site, monitor: Monitor): string[] {
  const rule = monitor.alarmRule!;
  const options = { count: rule.cameraCount, radius: rule.radius };
  const anchors = [...alarms, ...(incident.location ? [{ deviceId: null, zoneId: incident.location.zoneId, location: incident.location }] : [])];
  const chosen: string[] = [];
  for (const anchor of anchors) for (const id of linkedCameras(anchor, site, options)) if (!chosen.includes(id) && chosen.length < rule.cameraCount) chosen.push(id);
  return chosen;
}

/** Puts the incident's zone and alarm cameras on the site's alarm monitor (`wall.viewSet`); nothing when it has none. */
async function camerasToAlarmMonitor(log: CommandLog, incident: IncidentRow): Promise<void> {
  const found = await findSiteRows(log.tx, incident.siteId);
  if (!found) return;
  const site = presentSite(found.site, found.zones, found.devices);
  const alarms: Alarm[] = [];
  for (const alarmId of incident.alarmIds) {
    const row = await findAlarm(log.tx, alarmId);
    if (row) alarms.push(presentAlarm(row));
  }
  const monitor = alarmMonitor((await listMonitors(log.tx, [incident.siteId])).map(presentMonitor), alarms);
  if (!monitor) return;
  const cameraIds = incidentCameras(incident, alarms, site, monitor);
  if (cameraIds.length === 0) return;
  const tiles: TileContent[] = cameraIds.map((cameraId) => ({ kind: 'camera', cameraId }));
  const view = withLayout({ layout: '1', tiles }, layoutFor(tiles.length));
  await log.append(monitorUpdate(log.tx, monitor.id, { view }), {
    type: 'wall.viewSet',
    siteId: monitor.siteId,
    actor: SYSTEM_ACTOR,
    payload: { monitorId: monitor.id, view, presetId: null },
  });
}

/**
 * What an automatic step does when it becomes open, in the transaction that opened it. The
 * ranking of `suggest_nearest_guards` is served on request (`dispatch.suggest`); notifying the
 * commander is the step's own timeline entry and event.
 */
export async function runAutoAction(log: CommandLog, incident: IncidentRow, action: AutoAction | null): Promise<void> {
  switch (action) {
    case 'cameras_to_alarm_monitor':
      return camerasToAlarmMonitor(log, incident);
    case 'suggest_nearest_guards':
    case 'notify_commander':
    case null:
      return;
  }
}
