import {
  DRILL_MARK,
  drillRunIdOf,
  type Actor,
  type AlarmIngestBody,
  type DeviceStatus,
  type DrillInjectInput,
  type Stream,
} from '@vigil/shared';
import type { Deps } from '../deps.js';
import type { CommandLog } from '../append.js';
import { placeAlarm, raiseAlarmIn, type AlarmPlacement } from '../alarms/raise-alarm.js';
import { findDevice } from '../../repositories/sites.repository.js';
import { drillAdHocRecorded, drillInjectFired, drillRunTouch, type DrillRunRow } from '../../repositories/drills.repository.js';
import type { DrillInjectDone } from '../../db/schema/index.js';

/** Who an inject's events are from: the drill's own simulator. */
export const drillActor = (stream: Stream): Actor => ({ kind: 'simulator', id: stream, name: '演练 Drill' });

/** The due time of the scenario's inject at `index` (null past the last): the start, its offset, and the pauses so far. */
export function injectDueAt(run: Pick<DrillRunRow, 'startedAt' | 'pausedSec' | 'scenario'>, index: number): Date | null {
  const inject = run.scenario.injects[index];
  return inject ? new Date(run.startedAt.getTime() + (inject.atSec + run.pausedSec) * 1000) : null;
}

/** An alarm inject as a device would send it, its text marked 【演练】 / [DRILL]. */
export function drillAlarmInput(run: Pick<DrillRunRow, 'siteId' | 'stream'>, inject: Extract<DrillInjectInput, { kind: 'alarm' }>): AlarmIngestBody {
  const { alarm } = inject;
  return {
    source: alarm.deviceId ? { deviceId: alarm.deviceId } : { externalId: `${run.stream}:${inject.id}` },
    siteId: run.siteId,
    ...(alarm.zoneId ? { zoneId: alarm.zoneId } : {}),
    kind: alarm.kind,
    ...(alarm.priority !== undefined ? { priority: alarm.priority } : {}),
    message: `${DRILL_MARK.zh}${alarm.message.zh} ${DRILL_MARK.en} ${alarm.message.en}`,
    attributes: { drill: run.stream, inject: inject.id },
  };
}

/** What an inject needs read before the event-log lock: an alarm's placement (configuration). */
export async function prepareInject(deps: Deps, run: Pick<DrillRunRow, 'siteId' | 'stream'>, inject: DrillInjectInput): Promise<AlarmPlacement | null> {
  return inject.kind === 'alarm' ? placeAlarm(deps, drillAlarmInput(run, inject)) : null;
}

export interface FireFlags {
  early: boolean;
  adHoc: boolean;
}

/**
 * Fires one inject in the drill's command: `drill.injected` with the run's schedule moved on
 * (a scheduled inject only if the run still stands at `index`: else nothing, and false), then
 * what it brings — an alarm raised in the drill stream, or a device's state in the drill (the
 * devices table is live's and is not written). A guard walk is the inject itself: the drill's
 * screens move the simulated guard along its path from the inject's time, and no fix enters
 * the live positions lane. A note is for the controller's screen.
 */
export async function fireInjectIn(
  log: CommandLog,
  run: DrillRunRow,
  inject: DrillInjectInput,
  placement: AlarmPlacement | null,
  flags: FireFlags & { index?: number },
): Promise<boolean> {
  const runId = drillRunIdOf(run.stream)!;
  const done: DrillInjectDone = { injectId: inject.id, at: log.now.toISOString(), early: flags.early, adHoc: flags.adHoc, ...(flags.adHoc ? { inject } : {}) };
  const change =
    flags.index === undefined
      ? drillAdHocRecorded(log.tx, run.id, done)
      : drillInjectFired(log.tx, run.id, flags.index, done, { index: flags.index + 1, at: run.state === 'running' ? injectDueAt(run, flags.index + 1) : null });
  const injected = await log.appendIfChanged(change, {
    type: 'drill.injected',
    siteId: run.siteId,
    actor: drillActor(run.stream),
    payload: { runId, inject, adHoc: flags.adHoc, early: flags.early },
  });
  if (!injected) return false;
  if (inject.kind === 'alarm' && placement) {
    await raiseAlarmIn(log, placement, drillAlarmInput(run, inject), { actor: drillActor(run.stream) });
  } else if (inject.kind === 'device_state') {
    const previous = await drillDeviceStatus(log, run, inject.deviceId);
    if (previous !== inject.status) {
      await log.append(drillRunTouch(log.tx, run.id), {
        type: 'device.statusChanged',
        siteId: run.siteId,
        actor: drillActor(run.stream),
        payload: { deviceId: inject.deviceId, status: inject.status, previous },
      });
    }
  }
  return true;
}

/** A device's state in the drill: the last device-state inject of it fired so far, else its live state at the drill's start. */
async function drillDeviceStatus(log: CommandLog, run: DrillRunRow, deviceId: string): Promise<DeviceStatus> {
  const byId = new Map(run.scenario.injects.map((inject) => [inject.id, inject]));
  for (const done of [...run.injectsDone].reverse()) {
    const inject = done.inject ?? byId.get(done.injectId);
    if (inject?.kind === 'device_state' && inject.deviceId === deviceId) return inject.status;
  }
  return (await findDevice(log.tx, deviceId))?.status ?? 'online';
}
