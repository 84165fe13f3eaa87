import { siteAllowed, tileCount, type Stream, type Monitor, type TileContent, type Viewer, type WallPreset } from '@vigil/shared';
import type { Tx } from '../../db/client.js';
import { notFound, unprocessable } from '../../lib/http-error.js';
import { presentMonitor, presentPreset } from '../../presenters/wall.presenter.js';
import { findDevice, findSite } from '../../repositories/sites.repository.js';
import { findMonitor, findPreset } from '../../repositories/wall.repository.js';
import { findIncident } from '../../repositories/incidents.repository.js';
import { findDrillRunByStream } from '../../repositories/drills.repository.js';

/**
 * The monitor, or 404 naming it — also when it is on a site the viewer does not have. In a drill,
 * with the drill's own view of it (drill_runs' `monitor_views`), else the live one.
 */
export async function loadMonitor(tx: Tx, monitorId: string, viewer: Viewer, stream: Stream = 'live'): Promise<Monitor> {
  const row = await findMonitor(tx, monitorId);
  if (!row || !siteAllowed(viewer, row.siteId)) throw notFound(`monitorId: no monitor with id "${monitorId}"`);
  const monitor = presentMonitor(row);
  if (stream === 'live') return monitor;
  const own = (await findDrillRunByStream(tx, stream))?.monitorViews[monitorId];
  return own ? { ...monitor, view: own.view, releasedAlarmIds: own.releasedAlarmIds } : monitor;
}

export async function loadPreset(tx: Tx, presetId: string, viewer: Viewer): Promise<WallPreset> {
  const row = await findPreset(tx, presetId);
  if (!row || !siteAllowed(viewer, row.siteId)) throw notFound(`presetId: no preset with id "${presetId}"`);
  return presentPreset(row);
}

async function checkCamera(tx: Tx, siteId: string, cameraId: string, field: string): Promise<void> {
  const device = await findDevice(tx, cameraId);
  if (!device || device.siteId !== siteId) throw unprocessable(`${field}: no camera with id "${cameraId}" on site "${siteId}"`);
  if (device.kind !== 'camera') throw unprocessable(`${field}: "${cameraId}" is a ${device.kind}, not a camera`);
}

/** Everything a tile names must exist on the monitor's site. */
export async function checkTile(tx: Tx, monitor: Monitor, content: TileContent, field = 'content'): Promise<void> {
  switch (content.kind) {
    case 'camera':
      return checkCamera(tx, monitor.siteId, content.cameraId, `${field}.cameraId`);
    case 'tour':
      for (const [index, cameraId] of content.cameraIds.entries()) await checkCamera(tx, monitor.siteId, cameraId, `${field}.cameraIds[${index}]`);
      return;
    case 'map':
      if (content.siteId !== monitor.siteId || !(await findSite(tx, content.siteId))) {
        throw unprocessable(`${field}.siteId: monitor "${monitor.id}" shows site "${monitor.siteId}", not "${content.siteId}"`);
      }
      return;
    case 'incident':
      if (content.incidentId !== null) {
        const incident = await findIncident(tx, content.incidentId);
        if (!incident || incident.siteId !== monitor.siteId) throw unprocessable(`${field}.incidentId: no incident with id "${content.incidentId}" on site "${monitor.siteId}"`);
      }
      return;
    case 'empty':
    case 'alarms':
      return;
  }
}

export function checkIndex(monitor: Monitor, index: number): void {
  const count = tileCount(monitor.view.layout);
  if (index >= count) throw unprocessable(`index: monitor "${monitor.id}" has ${count} tile${count === 1 ? '' : 's'} (layout ${monitor.view.layout})`);
}
