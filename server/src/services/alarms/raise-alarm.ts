import { createHash, randomUUID } from 'node:crypto';
import stableStringify from 'safe-stable-stringify';
import {
  DEFAULT_PRIORITY,
  dedupKey,
  mergesInto,
  type Actor,
  type Alarm,
  type AlarmIngestBody,
  type AlarmText,
  type NewEvent,
  type Point,
  type Stream,
} from '@vigil/shared';
import { HttpError, unprocessable } from '../../lib/http-error.js';
import { alarmInsert, alarmInsertUnlessOpen, alarmsRaisedUnlessOpen, alarmUpdate, findOpenByDedupKey, newAlarmRow, type RaisedPart } from '../../repositories/alarms.repository.js';
import { findZone } from '../../repositories/sites.repository.js';
import { placementCache } from './placement-cache.js';
import { findIdempotentAnswer, storeIdempotentAnswer } from '../../repositories/api-keys.repository.js';
import { presentAlarm, type AlarmRow } from '../../presenters/alarm.presenter.js';
import type { BulkGroup } from '../append-queue.js';
import { runCommand, type BulkCommand, type CommandLog } from '../append.js';
import type { Deps } from '../deps.js';

export interface RaiseAlarmResult {
  /** 201 when a new alarm was raised, 200 when the occurrence raised an open alarm's count. */
  status: 200 | 201;
  body: { alarm: Alarm; merged: boolean; seq: number };
}

interface Placement {
  siteId: string;
  deviceId: string | null;
  zoneId: string | null;
  sourceKey: string;
}

/** Where the alarm belongs: its device's site and zone, or the site the sender named. */
async function place(db: Deps['db'], input: AlarmIngestBody): Promise<Placement> {
  const { deviceId, externalId } = input.source;
  const device = deviceId
    ? await placementCache.device(db, deviceId)
    : externalId
      ? await placementCache.deviceByExternalId(db, externalId)
      : undefined;
  if (deviceId && !device) throw unprocessable(`source.deviceId: no device with id "${deviceId}"`);
  const siteId = device?.siteId ?? input.siteId;
  if (!siteId) throw unprocessable('siteId: required when the source is not a known device');
  if (!device && !(await placementCache.site(db, siteId))) throw unprocessable(`siteId: no site with id "${siteId}"`);
  if (device && input.siteId && input.siteId !== device.siteId) {
    throw unprocessable(`siteId: device "${device.id}" belongs to site "${device.siteId}", not "${input.siteId}"`);
  }
  let zoneId = device?.zoneId ?? null;
  if (input.zoneId) {
    const zone = await findZone(db, input.zoneId);
    if (!zone || zone.siteId !== siteId) throw unprocessable(`zoneId: no zone "${input.zoneId}" on site "${siteId}"`);
    zoneId = zone.id;
  }
  return {
    siteId,
    deviceId: device?.id ?? null,
    zoneId,
    sourceKey: device ? `device:${device.id}` : `external:${externalId ?? ''}`,
  };
}

/** SHA-256 of the request's canonical form (the validated body, keys sorted): a retry hashes the same. */
function hashRequest(input: AlarmIngestBody): string {
  return createHash('sha256').update(stableStringify(input) ?? '').digest('hex');
}

export interface RaiseAlarmOptions {
  actor: Actor;
  /** `Idempotency-Key` and the scope it is unique in (the API key). */
  idempotency?: { scope: string; key: string };
  /** Where on the plan, for alarms not tied to a device (a guard's SOS, a restricted zone entered). */
  location?: { position: Point; floor: number };
  /** A server-made alarm's text (code and params); its `message` is then empty. */
  text?: AlarmText;
}

/** Where the alarm belongs, read before the event-log lock is taken (configuration needs none). */
export type AlarmPlacement = Placement;
export const placeAlarm = (deps: Deps, input: AlarmIngestBody): Promise<AlarmPlacement> => place(deps.db, input);

/**
 * Raises an alarm, or raises the count of the open alarm from the same source and kind
 * seen within the dedupe window, inside a command's transaction (see append.ts). The answer
 * to an idempotency key is stored in the same transaction.
 */
export async function raiseAlarmIn(log: CommandLog, placement: AlarmPlacement, input: AlarmIngestBody, options: RaiseAlarmOptions): Promise<RaiseAlarmResult> {
  const { tx, stream, now } = log;
  const requestHash = options.idempotency ? hashRequest(input) : '';
  if (options.idempotency) {
    const { scope, key } = options.idempotency;
    const stored = await findIdempotentAnswer(tx, scope, key);
    if (stored) {
      if (stored.requestHash !== null && stored.requestHash !== requestHash) {
        throw new HttpError(409, 'idempotency_conflict', `idempotency-key: "${key}" was already used for a different request body; use a new key for a new alarm`);
      }
      return { status: stored.status, body: stored.body } as RaiseAlarmResult;
    }
  }
  const { row, alarm, event: raisedEvent } = newAlarm(stream, placement, input, options, now);
  const key = row.dedupKey;
  const priority = row.priority;

  let answer: RaiseAlarmResult;
  // No open alarm from this source and kind (a storm of new ones): one statement.
  const raised = await log.appendIfChanged(alarmInsertUnlessOpen(row), raisedEvent);
  const open = raised ? undefined : await findOpenByDedupKey(tx, stream, key);
  if (raised) {
    answer = { status: 201, body: { alarm, merged: false, seq: raised.seq } };
  } else if (open && mergesInto({ state: open.state, lastAt: open.lastAt.toISOString() }, now)) {
    const patch = { count: open.count + 1, lastAt: now, priority: Math.min(open.priority, priority), message: input.message, text: options.text ?? null };
    const merged: AlarmRow = { ...open, ...patch };
    const event = await log.append(alarmUpdate(tx, open.id, patch), {
      type: 'alarm.repeated',
      siteId: merged.siteId,
      actor: options.actor,
      payload: { alarmId: merged.id, count: merged.count, lastAt: now.toISOString(), priority: merged.priority, message: merged.message, text: merged.text },
    });
    answer = { status: 200, body: { alarm: presentAlarm(merged), merged: true, seq: event.seq } };
  } else {
    // An open one too old to merge into (or lastAt ahead of this clock): a new alarm beside it.
    const event = await log.append(alarmInsert(tx, row), raisedEvent);
    answer = { status: 201, body: { alarm, merged: false, seq: event.seq } };
  }
  if (options.idempotency) {
    await storeIdempotentAnswer(tx, options.idempotency.scope, options.idempotency.key, requestHash, answer);
  }
  return answer;
}

interface NewAlarm extends RaisedPart {
  alarm: Alarm;
  event: NewEvent & { type: 'alarm.raised' };
}

/** The row and `alarm.raised` event of a new alarm raised now. */
function newAlarm(stream: Stream, placement: AlarmPlacement, input: AlarmIngestBody, options: RaiseAlarmOptions, now: Date): NewAlarm {
  const row = newAlarmRow({
    id: randomUUID(),
    siteId: placement.siteId,
    stream,
    dedupKey: dedupKey(placement.siteId, placement.sourceKey, input.kind),
    kind: input.kind,
    priority: input.priority ?? DEFAULT_PRIORITY[input.kind],
    source: input.source,
    deviceId: placement.deviceId,
    zoneId: placement.zoneId,
    location: options.location ?? null,
    message: input.message,
    text: options.text ?? null,
    attributes: input.attributes ?? {},
    occurredAt: input.occurredAt ? new Date(input.occurredAt) : now,
    at: now,
  });
  const alarm = presentAlarm(row);
  return { row, alarm, event: { type: 'alarm.raised', siteId: row.siteId, actor: options.actor, payload: { alarm } } };
}

/**
 * New alarms of one batch in one statement: each inserted unless an open alarm has its dedupe
 * key (that one then runs `raiseAlarmIn` on its own, which merges it).
 */
const RAISED_IN_ONE_STATEMENT: BulkGroup<NewAlarm> = {
  max: 200,
  run: async (tx, now, parts) => (await alarmsRaisedUnlessOpen(tx, now, parts)).map((event) => (event ? [event] : undefined)),
};

/** `raiseAlarmIn` as a command of its own, on the caller's stream. Committed before it returns. */
export async function raiseAlarm(deps: Deps, input: AlarmIngestBody, options: RaiseAlarmOptions): Promise<RaiseAlarmResult> {
  const placement = await placeAlarm(deps, input);
  const stream = deps.stream;
  const work = (log: CommandLog) => raiseAlarmIn(log, placement, input, options);
  if (options.idempotency) return (await runCommand(deps, { stream }, work)).value;
  // In a storm, the new alarms of a batch share one statement.
  const bulk: BulkCommand<NewAlarm, RaiseAlarmResult> = {
    group: RAISED_IN_ONE_STATEMENT,
    key: dedupKey(placement.siteId, placement.sourceKey, input.kind),
    part: (now) => newAlarm(stream, placement, input, options, now),
    value: ({ alarm }, [event]) => ({ status: 201, body: { alarm, merged: false, seq: event!.seq } }),
  };
  return (await runCommand(deps, { stream, bulk }, work)).value;
}
