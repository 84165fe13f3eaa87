import { randomUUID } from 'node:crypto';
import { expandSchedule, tourOf, type AlarmIngestBody, type DomainEvent } from '@vigil/shared';
import {
  bumpTourCounts,
  dueMisses,
  earliestScheduledUntil,
  findRouteAnyState,
  findTourRow,
  insertTourCheckpoints,
  missedMark,
  nextMissDue,
  routeUpdate,
  routesToExpand,
  setMissAlarm,
  tourInsertUnlessExists,
} from '../repositories/patrols.repository.js';
import { findDevice } from '../repositories/sites.repository.js';
import { presentRoute } from '../presenters/patrol.presenter.js';
import { placeAlarm, raiseAlarmIn } from '../services/alarms/raise-alarm.js';
import { runCommand } from '../services/append.js';
import { SYSTEM_ACTOR } from '../services/incidents/incident-log.js';
import type { Duty } from './scheduler.js';

/** Tours are expanded this far ahead… */
export const PATROL_HORIZON_MS = 12 * 3_600_000;
/** …again once less than this is left. */
const PATROL_REFILL_MS = 6 * 3_600_000;
const BATCH = 50;

/**
 * Each active route's tours for the next PATROL_HORIZON_MS, from its schedule: a
 * `patrol.tourScheduled` per new tour (its route and start are unique, so a second node or a
 * second round adds none), then the route's `scheduled_until` moves on. Patrols are live only.
 */
export const patrolToursScheduled: Duty = {
  name: 'patrol tours scheduled',
  async nextDueAt(db) {
    const until = await earliestScheduledUntil(db);
    return until ? new Date(until.getTime() - PATROL_REFILL_MS) : null;
  },
  async fire(deps, now) {
    const until = new Date(now.getTime() + PATROL_REFILL_MS);
    for (const routeRow of await routesToExpand(deps.db, until, BATCH)) {
      await runCommand({ ...deps, stream: 'live' }, { stream: 'live' }, async (log) => {
        const [row] = await routesToExpand(log.tx, until, 1, routeRow.id);
        if (!row) return;
        const route = presentRoute(row);
        // A tour already under way is still walkable while its first checkpoint's grace has not
        // passed: a new route's patrol is due now, but nobody is marked missed for a round that
        // began before anyone knew of it.
        const firstMissMs = ((route.checkpoints[0]?.minutes ?? 0) + route.graceMinutes) * 60_000;
        const earliest = new Date(now.getTime() - firstMissMs + 1);
        const from = row.scheduledUntil && row.scheduledUntil > earliest ? row.scheduledUntil : earliest;
        const to = new Date(now.getTime() + PATROL_HORIZON_MS);
        for (const startsAt of expandSchedule(route.schedule, from, to)) {
          const tour = tourOf(route, randomUUID(), startsAt);
          const stored = await log.appendIfChanged(
            tourInsertUnlessExists(log.tx, {
              id: tour.id,
              stream: log.stream,
              siteId: tour.siteId,
              routeId: tour.routeId,
              name: tour.name,
              nameEn: tour.nameEn,
              guardId: tour.guardId,
              post: tour.post,
              startsAt,
              endsAt: new Date(tour.checkpoints.at(-1)?.dueAt ?? tour.startsAt),
              radiusM: tour.radiusM,
              allowArrival: tour.allowArrival,
              graceMinutes: tour.graceMinutes,
              checkpointCount: tour.checkpoints.length,
            }),
            { type: 'patrol.tourScheduled', siteId: tour.siteId, actor: SYSTEM_ACTOR, payload: { tour } },
          );
          if (!stored) continue;
          await insertTourCheckpoints(
            log.tx,
            tour.checkpoints.map((checkpoint, position) => ({
              tourId: tour.id,
              position,
              stream: log.stream,
              siteId: tour.siteId,
              deviceId: checkpoint.deviceId,
              dueAt: new Date(checkpoint.dueAt),
              missAt: new Date(Date.parse(checkpoint.dueAt) + tour.graceMinutes * 60_000),
            })),
          );
        }
        // Bookkeeping of the scheduler, not an operational fact: no event of its own.
        await routeUpdate(log.tx, row.id, { scheduledUntil: to });
      });
    }
  },
};

/**
 * A checkpoint whose grace passed with nobody checked in: `patrol.checkpointMissed` and a
 * `patrol_missed` alarm at the checkpoint (its cameras come up), once. Each in its own command,
 * re-checked under the event-log lock.
 */
export const patrolCheckpointMissed: Duty = {
  name: 'patrol checkpoint missed',
  nextDueAt: (db) => nextMissDue(db),
  async fire(deps, now) {
    for (const due of await dueMisses(deps.db, now, BATCH)) {
      const device = await findDevice(deps.db, due.deviceId);
      const input: AlarmIngestBody = {
        source: device ? { deviceId: device.id } : { externalId: `patrol:${due.tourId}:${due.position}` },
        siteId: due.siteId,
        kind: 'patrol_missed',
        message: '',
        attributes: { tourId: due.tourId, checkpoint: due.position + 1 },
      };
      const placement = await placeAlarm(deps, input);
      await runCommand({ ...deps, stream: due.stream as DomainEvent['stream'] }, { stream: due.stream as DomainEvent['stream'] }, async (log) => {
        if ((await dueMisses(log.tx, now, 1, { tourId: due.tourId, position: due.position })).length === 0) return;
        const tour = await findTourRow(log.tx, log.stream, due.tourId);
        if (!tour) return;
        await log.append(missedMark(log.tx, due.tourId, due.position, log.now), {
          type: 'patrol.checkpointMissed',
          siteId: due.siteId,
          actor: SYSTEM_ACTOR,
          payload: { tourId: due.tourId, index: due.position, deviceId: due.deviceId, guardId: tour.guardId },
        });
        await bumpTourCounts(log.tx, due.tourId, { missed: 1 });
        // The due time as the route's people read it: in the route's own time zone.
        const timeZone = (await findRouteAnyState(log.tx, tour.routeId))?.timeZone ?? 'UTC';
        const due24 = due.dueAt.toLocaleTimeString('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
        const raised = await raiseAlarmIn(log, placement, input, {
          actor: SYSTEM_ACTOR,
          text: {
            code: 'patrolMissed',
            params: {
              route: tour.name,
              routeEn: tour.nameEn ?? tour.name,
              checkpoint: device?.name ?? due.deviceId,
              checkpointEn: device?.nameEn ?? device?.name ?? due.deviceId,
              due: due24,
              tourId: tour.id,
            },
          },
        });
        await setMissAlarm(log.tx, due.tourId, due.position, raised.body.alarm.id);
      });
    }
  },
};

export const PATROL_DUTIES: readonly Duty[] = [patrolToursScheduled, patrolCheckpointMissed];

