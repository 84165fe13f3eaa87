import type { AlarmExportQuery, AlarmListQuery, DomainEvent } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { badRequest, notFound } from '../../lib/http-error.js';
import { readEvent } from '../../presenters/event.presenter.js';
import type { AlarmRow } from '../../presenters/alarm.presenter.js';
import { alarmEventRows, findAlarm, listAlarmPage, type AlarmCursor, type AlarmFilter } from '../../repositories/alarms.repository.js';
import { inScope, ownAlarmSource, type ReadScope } from '../scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An opaque page cursor: base64url of [firstAt ISO, id]. Clients pass it back unread. */
export const encodeCursor = (row: { firstAt: Date; id: string }) => Buffer.from(JSON.stringify([row.firstAt.toISOString(), row.id])).toString('base64url');

export function decodeCursor(field: 'before' | 'after', value: string | undefined): AlarmCursor | undefined {
  if (value === undefined) return undefined;
  const refuse = () => badRequest(`${field}: must be a cursor from a previous page`, { field, rule: 'cursor' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw refuse();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw refuse();
  const [at, id] = parsed as unknown[];
  const firstAt = typeof at === 'string' ? new Date(at) : null;
  if (!firstAt || Number.isNaN(firstAt.getTime()) || typeof id !== 'string' || !UUID.test(id)) throw refuse();
  return { firstAt, id };
}

type HistoryQuery = Omit<AlarmListQuery, 'limit' | 'before' | 'after'> | AlarmExportQuery;

/**
 * What the history shows a user for a query: the live stream's alarms of the user's sites (a
 * guard's phone, its own SOS only) that pass every filter given.
 */
export function historyFilter(query: HistoryQuery, scope: ReadScope): Omit<AlarmFilter, 'limit'> {
  return {
    stream: 'live',
    state: query.state,
    siteId: query.siteId,
    siteIds: scope.siteIds,
    sourceExternalId: ownAlarmSource(scope),
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    kinds: query.kind,
    zoneId: query.zoneId,
    deviceId: query.deviceId,
    dispositions: query.disposition,
    text: query.q,
  };
}

/** One page, newest first, and the cursors to the pages beside it. */
export async function alarmHistoryPage(db: Executor, query: AlarmListQuery, scope: ReadScope) {
  const before = decodeCursor('before', query.before);
  const after = decodeCursor('after', query.after);
  const { rows, more } = await listAlarmPage(db, { ...historyFilter(query, scope), limit: query.limit, before, after });
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    // Older alarms: pass as `before`; null when this page reached the oldest (reading newer, older ones are always there).
    nextCursor: last && (more || after !== undefined) ? encodeCursor(last) : null,
    // Newer alarms (including ones raised since): pass as `after`.
    prevCursor: first ? encodeCursor(first) : (before ?? after) ? (query.before ?? query.after ?? null) : null,
  };
}

/** Whether the history would show this alarm to this user (the list's own rules, for one alarm). */
function visible(row: AlarmRow, scope: ReadScope): boolean {
  if (row.stream !== 'live' || !inScope(scope, row.siteId)) return false;
  const source = ownAlarmSource(scope);
  return source === undefined || (source !== null && row.source.externalId === source);
}

/** The most events one timeline lists (an alarm repeated thousands of times lists its first ones). */
export const TIMELINE_MAX = 1_000;

/** An alarm and its events in seq order; 404 alike for a missing alarm and one the user may not see. */
export async function alarmTimeline(db: Executor, id: string, scope: ReadScope): Promise<{ alarm: AlarmRow; events: DomainEvent[]; truncated: boolean }> {
  const alarm = await findAlarm(db, id);
  if (!alarm || !visible(alarm, scope)) throw notFound(`id: no alarm with id "${id}"`);
  const rows = await alarmEventRows(db, alarm.stream as 'live', id, TIMELINE_MAX + 1);
  const events = rows
    .slice(0, TIMELINE_MAX)
    .map(readEvent)
    .flatMap((read) => (read.ok ? [read.event] : []));
  return { alarm, events, truncated: rows.length > TIMELINE_MAX };
}

/** Rows read per query while exporting. */
const EXPORT_BATCH = 1_000;

/**
 * Every alarm of a query, newest first, in batches by keyset (stable while alarms arrive: the
 * first batch fixes the newest one), at most `max`; `cut` tells whether more were left out.
 */
export async function* alarmsToExport(db: Executor, query: AlarmExportQuery, scope: ReadScope, max: number): AsyncGenerator<AlarmRow[], { cut: boolean }> {
  const filter = historyFilter(query, scope);
  let before: AlarmCursor | undefined;
  let left = max;
  for (;;) {
    const limit = Math.min(EXPORT_BATCH, left);
    const { rows, more } = await listAlarmPage(db, { ...filter, limit, before });
    if (rows.length > 0) yield rows;
    left -= rows.length;
    const last = rows.at(-1);
    if (!more || !last) return { cut: false };
    if (left === 0) return { cut: true };
    before = { firstAt: last.firstAt, id: last.id };
  }
}
