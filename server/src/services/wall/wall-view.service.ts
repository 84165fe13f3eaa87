import {
  controlTour,
  tileFromInput,
  withLayout,
  withReleased,
  withTile,
  type Monitor,
  type TileContent,
  type User,
  type WallApplyPresetCommand,
  type WallAssignCommand,
  type WallReleaseCommand,
  type WallSetLayoutCommand,
  type WallTourCommand,
  type WallView,
} from '@vigil/shared';
import { notFound, unprocessable } from '../../lib/http-error.js';
import { findAlarm } from '../../repositories/alarms.repository.js';
import { monitorUpdate } from '../../repositories/wall.repository.js';
import { drillMonitorUpdate } from '../../repositories/drills.repository.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { checkIndex, checkTile, loadMonitor, loadPreset } from './wall-checks.js';
import { runWallChange, type WallChange } from './wall-transaction.js';

const sameView = (a: WallView, b: WallView) => JSON.stringify(a) === JSON.stringify(b);

/** A monitor's view changed: the monitors table on live, the drill's own `monitor_views` in a drill. */
function viewChange(wall: WallChange, monitor: Monitor, patch: Partial<Pick<Monitor, 'view' | 'releasedAlarmIds'>>) {
  if (wall.stream === 'live') return monitorUpdate(wall.tx, monitor.id, patch);
  return drillMonitorUpdate(wall.tx, wall.stream, monitor.id, { view: monitor.view, releasedAlarmIds: monitor.releasedAlarmIds }, patch);
}

async function setView(wall: WallChange, monitor: Monitor, view: WallView, presetId: string | null): Promise<void> {
  await wall.append(viewChange(wall, monitor, { view }), { type: 'wall.viewSet', siteId: monitor.siteId, payload: { monitorId: monitor.id, view, presetId } });
}

async function setTile(wall: WallChange, monitor: Monitor, index: number, content: TileContent): Promise<void> {
  const view = withTile(monitor.view, index, content);
  await wall.append(viewChange(wall, monitor, { view }), {
    type: 'wall.tileAssigned',
    siteId: monitor.siteId,
    payload: { monitorId: monitor.id, index, content },
  });
}

/** A new layout for a monitor: the tiles that fit stay (`wall.viewSet`). */
export function setLayout(deps: Deps, input: WallSetLayoutCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.setLayout' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user), wall.stream);
    const view = withLayout(monitor.view, input.layout);
    if (!sameView(view, monitor.view)) await setView(wall, monitor, view, null);
  });
}

/** A camera, tour, map or the alarm list to one tile (`wall.tileAssigned`), or full screen without an index. */
export function assignTile(deps: Deps, input: WallAssignCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.assign' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user), wall.stream);
    const content = tileFromInput(input.content, wall.now);
    await checkTile(wall.tx, monitor, content);
    if (input.index === undefined) {
      await setView(wall, monitor, { layout: '1', tiles: [content] }, null);
      return;
    }
    checkIndex(monitor, input.index);
    await setTile(wall, monitor, input.index, content);
  });
}

/** A saved view onto a monitor (`wall.viewSet` carrying the view, so replay does not need the preset). */
export function applyPreset(deps: Deps, input: WallApplyPresetCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.applyPreset' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user), wall.stream);
    const preset = await loadPreset(wall.tx, input.presetId, viewerOf(user));
    if (preset.siteId !== monitor.siteId) throw unprocessable(`presetId: preset "${preset.id}" is for site "${preset.siteId}", monitor "${monitor.id}" shows "${monitor.siteId}"`);
    await setView(wall, monitor, preset.view, preset.id);
  });
}

/** Pause, resume or step a tour in its tile (`wall.tileAssigned` with the tour's new timing). */
export function controlTourTile(deps: Deps, input: WallTourCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.tour' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user), wall.stream);
    checkIndex(monitor, input.index);
    const tile = monitor.view.tiles[input.index];
    if (tile?.kind !== 'tour') throw unprocessable(`index: tile ${input.index} of monitor "${monitor.id}" is not a tour`);
    const content = controlTour(tile, input.action, wall.now.getTime());
    if (content !== tile) await setTile(wall, monitor, input.index, content);
  });
}

/** Sends an open alarm's cameras off a monitor; the monitor shows its own view again. */
export function releaseTakeover(deps: Deps, input: WallReleaseCommand, user: User): Promise<{ seq: number }> {
  return runWallChange(deps, user, { id: input.commandId, name: 'wall.release' }, async (wall) => {
    const monitor = await loadMonitor(wall.tx, input.monitorId, viewerOf(user), wall.stream);
    const alarm = await findAlarm(wall.tx, input.alarmId);
    if (!alarm || alarm.stream !== deps.stream || !siteAllowed(viewerOf(user), alarm.siteId)) throw notFound(`alarmId: no alarm with id "${input.alarmId}"`);
    if (alarm.state === 'resolved' || monitor.releasedAlarmIds.includes(alarm.id)) return;
    const releasedAlarmIds = withReleased(monitor.releasedAlarmIds, alarm.id);
    await wall.append(viewChange(wall, monitor, { releasedAlarmIds }), {
      type: 'wall.takeoverReleased',
      siteId: monitor.siteId,
      payload: { monitorId: monitor.id, alarmId: alarm.id },
    });
  });
}
