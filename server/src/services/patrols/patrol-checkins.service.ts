import { randomUUID } from 'node:crypto';
import {
  CHECKIN_MAX_AGE_MS,
  CHECKIN_MAX_AHEAD_MS,
  ANTI_FAKE_WINDOW_MIN,
  checkpointFromQr,
  isLateScan,
  judgeCheckin,
  type CheckinInput,
  type CheckinMethod,
  type Actor,
  type User,
} from '@vigil/shared';
import { HttpError, badRequest, notFound } from '../../lib/http-error.js';
import { findGuardByUser, type GuardRow } from '../../repositories/guards.repository.js';
import {
  bumpTourCounts,
  checkinInsert,
  checkpointCheckedUpdate,
  checkpointsOf,
  findRouteAnyState,
  findTourRow,
  guardTrack,
} from '../../repositories/patrols.repository.js';
import { findDevice } from '../../repositories/sites.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { userActor } from '../incidents/incident-log.js';

export interface CheckinAnswer {
  seq: number;
  /** The same clientId was seen before: this answer is the first time's, nothing counted twice. */
  replayed: boolean;
  checkinId: string | null;
  index: number | null;
  flagged: boolean;
  late: boolean;
}

const conflict = (field: string, message: string, rule: string) => new HttpError(409, 'invalid_state', `${field}: ${message}`, { field, rule });

/** Which checkpoint of the tour the scan names (the QR label's text, the NFC tag, or the device id). */
function namedDevice(input: CheckinInput, tags: ReadonlyMap<string, string>): { deviceId: string; field: string } {
  if (input.method === 'qr') {
    if (input.qrText === undefined) throw badRequest('qrText: required for a QR check-in');
    const deviceId = checkpointFromQr(input.qrText);
    if (!deviceId) throw badRequest('qrText: is not a Vigil checkpoint label');
    return { deviceId, field: 'qrText' };
  }
  if (input.method === 'nfc') {
    if (input.nfcTagId === undefined) throw badRequest('nfcTagId: required for an NFC check-in');
    const deviceId = tags.get(input.nfcTagId);
    if (!deviceId) throw badRequest(`nfcTagId: tag "${input.nfcTagId}" is on no checkpoint of this route`);
    return { deviceId, field: 'nfcTagId' };
  }
  if (input.deviceId === undefined) throw badRequest('deviceId: required for a check-in by arrival');
  return { deviceId: input.deviceId, field: 'deviceId' };
}

/**
 * A guard checks in at a checkpoint of a tour, by QR, NFC or arrival, with the phone's scan
 * time. Idempotent by `clientId` (made on the phone at the scan), so a queue flushed twice
 * counts once. The anti-fake rule (judgeCheckin) flags a scan the guard's own stored positions
 * never came near; an arrival check-in must be near, or it is refused.
 */
export async function checkIn(deps: Deps, input: CheckinInput, user: User): Promise<CheckinAnswer> {
  const guard = await findGuardByUser(deps.db, user.id);
  if (!guard) throw new HttpError(403, 'forbidden', 'forbidden: this login is on no guard of the roster');
  return checkInAs(deps, input, guard, { userId: user.id, actor: userActor(user) });
}

/**
 * `checkIn` for a roster entry by whoever acts for it: a guard's login, or the demo's
 * simulator walking a demo guard (which has none).
 */
export async function checkInAs(
  deps: Deps,
  input: CheckinInput,
  guard: Pick<GuardRow, 'id' | 'siteId'>,
  by: { userId: string; actor: Actor },
): Promise<CheckinAnswer> {
  const now = deps.clock();
  const scannedAt = new Date(input.scannedAt);
  if (scannedAt.getTime() > now.getTime() + CHECKIN_MAX_AHEAD_MS) throw badRequest('scannedAt: is in the future (check the phone clock)');
  if (scannedAt.getTime() < now.getTime() - CHECKIN_MAX_AGE_MS) throw badRequest('scannedAt: is more than 24 hours old');
  const tourRow = await findTourRow(deps.db, deps.stream, input.tourId);
  const mine = tourRow && (tourRow.guardId ? tourRow.guardId === guard.id : tourRow.siteId === guard.siteId);
  if (!tourRow || !mine) throw notFound(`tourId: no patrol tour "${input.tourId}" of yours`);
  // A scan made before the route changed (queued offline) still counts: the guard was there.
  const cancelled = (row: { cancelledAt: Date | null }) => row.cancelledAt !== null && scannedAt >= row.cancelledAt;
  const refuseCancelled = () => conflict('tourId', 'this tour was cancelled: its route was changed or retired', 'tourCancelled');
  if (cancelled(tourRow)) throw refuseCancelled();
  const route = await findRouteAnyState(deps.db, tourRow.routeId);
  const tags = new Map((route?.checkpoints ?? []).flatMap((checkpoint) => (checkpoint.nfcTagId ? [[checkpoint.nfcTagId, checkpoint.deviceId] as const] : [])));
  const { deviceId, field } = namedDevice(input, tags);
  if (input.method === 'arrival' && !tourRow.allowArrival) throw badRequest('method: this route does not allow check-in by arrival; scan the label');
  const checkpoints = await checkpointsOf(deps.db, [tourRow.id]);
  const checkpoint = checkpoints.find((row) => row.deviceId === deviceId);
  if (!checkpoint) throw badRequest(`${field}: checkpoint "${deviceId}" is not on this tour`);
  if (scannedAt.getTime() < tourRow.startsAt.getTime() - 30 * 60_000) throw badRequest('scannedAt: is before this tour begins');
  const device = await findDevice(deps.db, deviceId);
  const windowMs = ANTI_FAKE_WINDOW_MIN * 60_000;
  const track = await guardTrack(deps.db, guard.id, new Date(scannedAt.getTime() - windowMs), new Date(scannedAt.getTime() + windowMs));
  const judged = device
    ? judgeCheckin(
        { position: [device.x, device.y], floor: device.floor },
        tourRow.radiusM,
        scannedAt,
        track.map((fix) => ({ at: fix.at.toISOString(), position: [fix.x, fix.y] as [number, number], floor: fix.floor })),
      )
    : { flagged: true, nearestM: null, fixes: 0 };
  if (input.method === 'arrival' && judged.flagged) {
    throw conflict('position', `you are not within ${tourRow.radiusM} m of the checkpoint on its floor`, 'notWithinRadius');
  }
  const late = isLateScan({ graceMinutes: tourRow.graceMinutes }, { dueAt: checkpoint.dueAt.toISOString() }, scannedAt);
  const checkinId = randomUUID();
  const method: CheckinMethod = input.method;

  const done = await runCommand(deps, { stream: deps.stream, command: { id: input.clientId, userId: by.userId, name: 'patrol.checkIn' } }, async (log) => {
    const current = await findTourRow(log.tx, log.stream, tourRow.id);
    if (!current || cancelled(current)) throw refuseCancelled();
    const checked = await checkpointCheckedUpdate(log.tx, tourRow.id, checkpoint.position, { checkedAt: scannedAt, method, flagged: judged.flagged, late });
    if (checked.length === 0) throw conflict(field, `checkpoint "${deviceId}" is already checked in on this tour`, 'alreadyCheckedIn');
    await log.append(
      checkinInsert(log.tx, {
        id: checkinId,
        clientId: input.clientId,
        stream: log.stream,
        siteId: tourRow.siteId,
        tourId: tourRow.id,
        position: checkpoint.position,
        deviceId,
        guardId: guard.id,
        userId: by.userId,
        method,
        scannedAt,
        receivedAt: log.now,
        flagged: judged.flagged,
        late,
        nearestM: judged.nearestM,
      }),
      {
        type: 'patrol.checkedIn',
        siteId: tourRow.siteId,
        actor: by.actor,
        payload: {
          tourId: tourRow.id,
          index: checkpoint.position,
          deviceId,
          guardId: guard.id,
          checkinId,
          method,
          scannedAt: scannedAt.toISOString(),
          flagged: judged.flagged,
          late,
          nearestM: judged.nearestM,
        },
      },
    );
    // A checkpoint missed and then walked after all counts as checked (late), no longer as missed.
    const wasMissed = checked[0]!.missedAt !== null;
    await bumpTourCounts(log.tx, tourRow.id, { checked: 1, missed: wasMissed ? -1 : 0, flagged: judged.flagged ? 1 : 0, late: late ? 1 : 0 });
  });
  if (done.replayed) return { seq: done.seq, replayed: true, checkinId: null, index: null, flagged: false, late: false };
  return { seq: done.seq, replayed: false, checkinId, index: checkpoint.position, flagged: judged.flagged, late };
}
