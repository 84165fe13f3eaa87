import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AlarmKind, AlarmSource, AlarmState, AlarmText, Disposition, DomainEvent, NewEvent, Point, Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { alarms, events } from '../db/schema/index.js';
import { presentRawEvent, type LockedTx, type RawEventRow } from './events.repository.js';
import type { AlarmRow } from '../presenters/alarm.presenter.js';

export type NewAlarmRow = typeof alarms.$inferInsert;

/** The row a new alarm starts as: state new, count 1, nobody's yet. */
export function newAlarmRow(fields: {
  id: string;
  siteId: string;
  stream: Stream;
  dedupKey: string;
  kind: AlarmKind;
  priority: number;
  source: AlarmSource;
  deviceId: string | null;
  zoneId: string | null;
  location?: { position: Point; floor: number } | null;
  message: string;
  text?: AlarmText | null;
  attributes: Record<string, string | number | boolean>;
  occurredAt: Date;
  at: Date;
}): AlarmRow {
  const { at, location, text, ...rest } = fields;
  return {
    ...rest,
    location: location ?? null,
    text: text ?? null,
    state: 'new',
    firstAt: at,
    lastAt: at,
    count: 1,
    ownerId: null,
    ownerName: null,
    incidentId: null,
    escalatedAt: null,
    acknowledgedAt: null,
    heldAt: null,
    disposition: null,
    note: null,
    resolvedAt: null,
    resolvedById: null,
    resolvedByName: null,
  };
}

/** An insert to run with its event (see changeWithEvent). */
export function alarmInsert(db: Executor, row: AlarmRow) {
  return db.insert(alarms).values(row).returning({ id: alarms.id });
}

/**
 * The insert of a new alarm that inserts nothing when an open alarm with the same dedupe key
 * exists (then the caller reads it and decides whether to merge): a storm of distinct sources
 * costs one statement per alarm under the event-log lock, not a read and then a write.
 */
export function alarmInsertUnlessOpen(row: AlarmRow): SQL {
  const columns = Object.entries(getTableColumns(alarms)).filter(([key]) => key in row);
  const names = sql.join(columns.map(([, column]) => sql.identifier(column.name)), sql`, `);
  // Typed: in `insert … select` the parameters' types are not taken from the target columns.
  const values = sql.join(
    columns.map(([key, column]) => sql`${sql.param((row as Record<string, unknown>)[key], column)}::${sql.raw(column.getSQLType())}`),
    sql`, `,
  );
  return sql`insert into ${alarms} (${names}) select ${values}
    where not exists (select 1 from ${alarms} where ${alarms.stream} = ${row.stream} and ${alarms.dedupKey} = ${row.dedupKey} and ${alarms.state} <> 'resolved')
    returning ${alarms.id}`;
}

/** An update to run with its event (see changeWithEvent). */
export function alarmUpdate(db: Executor, id: string, patch: Partial<NewAlarmRow>) {
  return db.update(alarms).set(patch).where(eq(alarms.id, id)).returning({ id: alarms.id });
}

export async function findAlarm(db: Executor, id: string): Promise<AlarmRow | undefined> {
  const [row] = await db.select().from(alarms).where(eq(alarms.id, id)).limit(1);
  return row;
}

/** The most recent open alarm with this dedup key, if any. */
export async function findOpenByDedupKey(db: Executor, stream: Stream, key: string): Promise<AlarmRow | undefined> {
  const [row] = await db
    .select()
    .from(alarms)
    .where(and(eq(alarms.stream, stream), eq(alarms.dedupKey, key), ne(alarms.state, 'resolved')))
    .orderBy(desc(alarms.lastAt))
    .limit(1);
  return row;
}

export interface AlarmFilter {
  stream: Stream;
  state?: AlarmState | 'open';
  siteId?: string;
  /** Only these sites' alarms (null or absent: every site). */
  siteIds?: readonly string[] | null;
  /** Only alarms with this source id (a guard's own SOS); null: none at all. */
  sourceExternalId?: string | null;
  /** Raised (firstAt) at or after `from`, and before `to`. */
  from?: Date;
  to?: Date;
  kinds?: readonly AlarmKind[];
  zoneId?: string;
  deviceId?: string;
  dispositions?: readonly Disposition[];
  /** Text the message contains, case-insensitive (taken literally: % and _ match themselves). */
  text?: string;
  limit: number;
  /** Keyset paging by (firstAt, id): strictly older than `before`, or strictly newer than `after`. */
  before?: AlarmCursor;
  after?: AlarmCursor;
}

/** A place in the history, newest first: the raised time and id of the alarm a page ended at. */
export interface AlarmCursor {
  firstAt: Date;
  id: string;
}

function inSites(siteIds: readonly string[] | null | undefined) {
  if (siteIds === null || siteIds === undefined) return undefined;
  return siteIds.length === 0 ? sql`false` : inArray(alarms.siteId, [...siteIds]);
}

/** `text` as a LIKE pattern that matches it anywhere, its wildcards and the escape character taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What a filter asks of an alarm (stream, state, site, source, the history's fields), for the list and the history pages alike. */
function filterConditions(filter: AlarmFilter): (SQL | undefined)[] {
  return [
    filter.from ? gte(alarms.firstAt, filter.from) : undefined,
    filter.to ? lt(alarms.firstAt, filter.to) : undefined,
    filter.kinds ? inArray(alarms.kind, [...filter.kinds]) : undefined,
    filter.zoneId ? eq(alarms.zoneId, filter.zoneId) : undefined,
    filter.deviceId ? eq(alarms.deviceId, filter.deviceId) : undefined,
    filter.dispositions ? inArray(alarms.disposition, [...filter.dispositions]) : undefined,
    filter.text === undefined ? undefined : sql`${alarms.message} ilike ${containsPattern(filter.text)} escape '\\'`,
    eq(alarms.stream, filter.stream),
    filter.state === 'open' ? ne(alarms.state, 'resolved') : filter.state ? eq(alarms.state, filter.state) : undefined,
    filter.siteId ? eq(alarms.siteId, filter.siteId) : undefined,
    inSites(filter.siteIds),
    filter.sourceExternalId === undefined
      ? undefined
      : filter.sourceExternalId === null
        ? sql`false`
        : sql`${alarms.source}->>'externalId' = ${filter.sourceExternalId}`,
  ];
}

export async function listAlarms(db: Executor, filter: AlarmFilter): Promise<AlarmRow[]> {
  return db
    .select()
    .from(alarms)
    .where(and(...filterConditions(filter)))
    .orderBy(alarms.priority, desc(alarms.lastAt))
    .limit(filter.limit);
}

/**
 * One page of the history, newest first, by (first_at, id): a raised time never changes, and a
 * new alarm is newer than every page already read, so walking `before` cursors while alarms
 * arrive returns each alarm once. `after` reads the page just newer than a cursor (fetched
 * oldest first, then turned round). One row more than `limit` tells whether more lie beyond.
 */
export async function listAlarmPage(db: Executor, filter: AlarmFilter): Promise<{ rows: AlarmRow[]; more: boolean }> {
  const key = sql`(${alarms.firstAt}, ${alarms.id})`;
  const cursorCondition = filter.before
    ? sql`${key} < (${filter.before.firstAt.toISOString()}::timestamptz, ${filter.before.id}::uuid)`
    : filter.after
      ? sql`${key} > (${filter.after.firstAt.toISOString()}::timestamptz, ${filter.after.id}::uuid)`
      : undefined;
  const rows = await db
    .select()
    .from(alarms)
    .where(and(...filterConditions(filter), cursorCondition))
    .orderBy(...(filter.after ? [alarms.firstAt, alarms.id] : [desc(alarms.firstAt), desc(alarms.id)]))
    .limit(filter.limit + 1);
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  return { rows: filter.after ? page.reverse() : page, more };
}

/** What a screen needs at connect: every open alarm and the recently resolved ones. */
export async function listForSnapshot(db: Executor, stream: Stream, resolvedSince: Date): Promise<AlarmRow[]> {
  return db
    .select()
    .from(alarms)
    .where(
      and(
        eq(alarms.stream, stream),
        or(inArray(alarms.state, ['new', 'acknowledged', 'on_hold']), gte(alarms.resolvedAt, resolvedSince)),
      ),
    )
    .orderBy(alarms.priority, desc(alarms.lastAt));
}

/** Open SOS alarms about a guard (their `attributes.guardId`), other than `exceptId`. */
export async function openSosAlarmsOfGuard(db: Executor, stream: Stream, guardId: string, exceptId: string): Promise<string[]> {
  const rows = await db
    .select({ id: alarms.id })
    .from(alarms)
    .where(
      and(
        eq(alarms.stream, stream),
        eq(alarms.kind, 'sos'),
        ne(alarms.state, 'resolved'),
        ne(alarms.id, exceptId),
        sql`${alarms.attributes} ->> 'guardId' = ${guardId}`,
      ),
    );
  return rows.map((row) => row.id);
}

/** A new alarm and its `alarm.raised` event, for `alarmsRaisedUnlessOpen`. */
export interface RaisedPart {
  row: AlarmRow;
  event: NewEvent;
}

/**
 * Many new alarms in ONE statement, each inserted unless an open alarm of its stream has its
 * dedupe key, with an event appended for each one inserted, in the order given (seq follows
 * the order of the `insert … select … order by`). The rows' dedupe keys must differ: rows of
 * one statement do not see each other. Answers, in the order given, each part's stored event
 * or undefined when an open alarm held its key (nothing of it was written). Inside a locked
 * transaction, like `changeWithEvent`.
 */
export async function alarmsRaisedUnlessOpen(tx: LockedTx, at: Date, parts: readonly RaisedPart[]): Promise<(DomainEvent | undefined)[]> {
  const columns = Object.entries(getTableColumns(alarms));
  const definition = sql.raw(columns.map(([, column]) => `${column.name} ${column.getSQLType()}`).join(', '));
  const names = sql.raw(columns.map(([, column]) => column.name).join(', '));
  const input = parts.map(({ row }, ord) => {
    const record: Record<string, unknown> = { ord };
    for (const [key, column] of columns) {
      const value = (row as Record<string, unknown>)[key];
      record[column.name] = value instanceof Date ? value.toISOString() : (value ?? null);
    }
    return record;
  });
  const raised = parts.map(({ row, event }, ord) => ({ ord, id: row.id, stream: row.stream, site_id: event.siteId, type: event.type, actor: event.actor, payload: event.payload }));
  const result = await tx.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as r(ord int, ${definition})
    ),
    inserted as (
      insert into ${alarms} (${names})
      select ${names} from input i
      where not exists (select 1 from ${alarms} a where a.stream = i.stream and a.dedup_key = i.dedup_key and a.state <> 'resolved')
      returning id
    )
    insert into ${events} (stream, at, site_id, type, actor, payload)
    select e.stream, ${at.toISOString()}::timestamptz, e.site_id, e.type, e.actor, e.payload
    from jsonb_to_recordset(${JSON.stringify(raised)}::jsonb) as e(ord int, id uuid, stream text, site_id text, type text, actor jsonb, payload jsonb)
    join inserted on inserted.id = e.id
    order by e.ord
    returning seq, stream, at, site_id, type, actor, payload, (payload -> 'alarm' ->> 'id') as alarm_id`);
  const byAlarm = new Map<string, DomainEvent>();
  for (const row of (result as unknown as { rows: (RawEventRow & { alarm_id: string })[] }).rows) byAlarm.set(row.alarm_id, presentRawEvent(row));
  return parts.map(({ row }) => byAlarm.get(row.id));
}

/** The alarm an event is about (`alarm.raised` carries the alarm, the others its id); what `events_alarm_idx` holds. */
export const eventAlarmId = sql`coalesce(${events.payload} ->> 'alarmId', ${events.payload} -> 'alarm' ->> 'id')`;

/** An alarm's events (raised, repeated, acknowledged, attached to an incident, …) in seq order, at most `limit`. */
export async function alarmEventRows(db: Executor, stream: Stream, alarmId: string, limit: number) {
  return db
    .select()
    .from(events)
    .where(and(sql`${eventAlarmId} = ${alarmId}`, eq(events.stream, stream)))
    .orderBy(asc(events.seq))
    .limit(limit);
}
