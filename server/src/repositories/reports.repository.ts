import { sql, type SQL } from 'drizzle-orm';
import { DISPOSITIONS, type AlarmKind, type Bilingual, type Disposition, type Durations, type IncidentType, type ReportPeriod } from '@vigil/shared';
import type { Executor } from '../db/client.js';

/*
 * The site report's SQL (数据分析与报告). Every query reads the live stream only (a drill's
 * alarms, incidents and dispatches live on `drill:<id>` and never count) of one site, over the
 * current period and the one before it in a single scan: `cur` tells the two apart. Times are
 * seconds as float8; percentiles are `percentile_cont` (linear between ranks, as the shared
 * `percentileCont`), which skips nulls (an alarm never acknowledged has no acknowledge time).
 */

/** The period asked for and the one before it, as instants: [previousFrom, from) and [from, to). */
export interface ReportWindow {
  siteId: string;
  from: Date;
  to: Date;
  previousFrom: Date;
  timeZone: string;
}

const UNIT: Record<ReportPeriod, { trunc: string; length: string }> = {
  day: { trunc: 'day', length: '1 day' },
  week: { trunc: 'week', length: '1 week' },
  month: { trunc: 'month', length: '1 month' },
  quarter: { trunc: 'quarter', length: '3 months' },
};

type Row = Record<string, unknown>;
const rowsOf = async (db: Executor, query: SQL): Promise<Row[]> => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
const int = (value: unknown) => Number(value ?? 0);
/** Seconds to the millisecond (the float arithmetic of an interpolation leaves 102.00000000000001). */
const seconds = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000);
const durationsOf = (row: Row | undefined, prefix: string): Durations => ({
  count: int(row?.[`${prefix}_n`]),
  p50: seconds(row?.[`${prefix}_p50`]),
  p90: seconds(row?.[`${prefix}_p90`]),
});
/** `count`, P50 and P90 of a duration in seconds, as `<name>_n`, `<name>_p50`, `<name>_p90`. */
const durationColumns = (name: string, secondsExpr: SQL) => sql`
  count(${secondsExpr})::int as ${sql.raw(`${name}_n`)},
  percentile_cont(0.5) within group (order by ${secondsExpr}) as ${sql.raw(`${name}_p50`)},
  percentile_cont(0.9) within group (order by ${secondsExpr}) as ${sql.raw(`${name}_p90`)}`;
const secondsBetween = (later: SQL, earlier: SQL) => sql`extract(epoch from (${later} - ${earlier}))::float8`;
const dispositionColumns = sql.raw(DISPOSITIONS.map((d) => `count(*) filter (where a.disposition = '${d}')::int as "d_${d}"`).join(', '));
const dispositionsOf = (row: Row | undefined) => Object.fromEntries(DISPOSITIONS.map((d) => [d, int(row?.[`d_${d}`])])) as Record<Disposition, number>;
const bilingual = (zh: unknown, en: unknown): Bilingual | null => (typeof zh === 'string' ? { zh, en: typeof en === 'string' ? en : zh } : null);

/** The period of `period` holding the local day `start` in `timeZone` (weeks from Monday), and the one before. */
export async function reportBounds(db: Executor, start: string, period: ReportPeriod, timeZone: string): Promise<{ from: Date; to: Date; previousFrom: Date }> {
  const unit = UNIT[period];
  const [row] = await rowsOf(
    db,
    sql`with b as (select date_trunc(${unit.trunc}, ${start}::date::timestamp) as s)
      select s at time zone ${timeZone} as from_at, (s + ${unit.length}::interval) at time zone ${timeZone} as to_at,
        (s - ${unit.length}::interval) at time zone ${timeZone} as previous_at from b`,
  );
  return { from: new Date(row!.from_at as string), to: new Date(row!.to_at as string), previousFrom: new Date(row!.previous_at as string) };
}

const alarmsIn = (w: ReportWindow) =>
  sql`a.stream = 'live' and a.site_id = ${w.siteId} and a.first_at >= ${w.previousFrom.toISOString()}::timestamptz and a.first_at < ${w.to.toISOString()}::timestamptz`;
const current = (w: ReportWindow, column: SQL) => sql`(${column} >= ${w.from.toISOString()}::timestamptz)`;

export interface AlarmSummaryRow {
  total: number;
  byDisposition: Record<Disposition, number>;
  acknowledge: Durations;
  resolve: Durations;
}

/** Counts, dispositions and the acknowledge and resolve times of the two periods' alarms. */
export async function alarmSummaries(db: Executor, w: ReportWindow): Promise<{ current: AlarmSummaryRow; previous: AlarmSummaryRow }> {
  const rows = await rowsOf(
    db,
    sql`select ${current(w, sql`a.first_at`)} as cur, count(*)::int as total, ${dispositionColumns},
        ${durationColumns('ack', secondsBetween(sql`a.acknowledged_at`, sql`a.first_at`))},
        ${durationColumns('res', secondsBetween(sql`a.resolved_at`, sql`a.first_at`))}
      from alarms a where ${alarmsIn(w)} group by 1`,
  );
  const of = (cur: boolean): AlarmSummaryRow => {
    const row = rows.find((r) => r.cur === cur);
    return { total: int(row?.total), byDisposition: dispositionsOf(row), acknowledge: durationsOf(row, 'ack'), resolve: durationsOf(row, 'res') };
  };
  return { current: of(true), previous: of(false) };
}

/** Alarms by kind, the current period's most first. */
export async function alarmsByKind(db: Executor, w: ReportWindow): Promise<{ kind: AlarmKind; count: number; previous: number }[]> {
  const rows = await rowsOf(
    db,
    sql`select a.kind, count(*) filter (where ${current(w, sql`a.first_at`)})::int as count, count(*) filter (where not ${current(w, sql`a.first_at`)})::int as previous
      from alarms a where ${alarmsIn(w)} group by a.kind order by 2 desc, 3 desc, a.kind`,
  );
  return rows.map((row) => ({ kind: row.kind as AlarmKind, count: int(row.count), previous: int(row.previous) }));
}

/** Alarms by zone (null: of no zone) with the zone's names, the current period's most first. */
export async function alarmsByZone(db: Executor, w: ReportWindow): Promise<{ zoneId: string | null; name: Bilingual | null; count: number; previous: number }[]> {
  const rows = await rowsOf(
    db,
    sql`select a.zone_id, z.name, z.name_en, count(*) filter (where ${current(w, sql`a.first_at`)})::int as count,
        count(*) filter (where not ${current(w, sql`a.first_at`)})::int as previous
      from alarms a left join zones z on z.id = a.zone_id
      where ${alarmsIn(w)} group by a.zone_id, z.name, z.name_en order by 4 desc, 5 desc, a.zone_id nulls last`,
  );
  return rows.map((row) => ({ zoneId: (row.zone_id as string | null) ?? null, name: bilingual(row.name, row.name_en), count: int(row.count), previous: int(row.previous) }));
}

/** The current period's alarms by local weekday (1 Monday … 7 Sunday) and hour: 7 rows of 24. */
export async function alarmHeatMap(db: Executor, w: ReportWindow): Promise<number[][]> {
  const local = sql`(a.first_at at time zone ${w.timeZone})`;
  const rows = await rowsOf(
    db,
    sql`select extract(isodow from ${local})::int as dow, extract(hour from ${local})::int as hour, count(*)::int as n
      from alarms a where ${alarmsIn(w)} and ${current(w, sql`a.first_at`)} group by 1, 2`,
  );
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const row of rows) grid[int(row.dow) - 1]![int(row.hour)] = int(row.n);
  return grid;
}

/** The current period's devices with alarms, the most judged false first, then the most alarms. */
export async function noisyDevices(db: Executor, w: ReportWindow, limit: number) {
  const rows = await rowsOf(
    db,
    sql`select a.device_id, d.name, d.name_en, count(*)::int as total, ${dispositionColumns}
      from alarms a left join devices d on d.id = a.device_id
      where ${alarmsIn(w)} and ${current(w, sql`a.first_at`)} and a.device_id is not null
      group by a.device_id, d.name, d.name_en
      order by count(*) filter (where a.disposition = 'false') desc, count(*) desc, a.device_id limit ${limit}`,
  );
  return rows.map((row) => {
    const byDisposition = dispositionsOf(row);
    const total = int(row.total);
    return { deviceId: row.device_id as string, name: bilingual(row.name, row.name_en), total, byDisposition, falseRate: total > 0 ? byDisposition.false / total : 0 };
  });
}

export interface IncidentTypeFigures {
  /** Null: every type (the period's total). */
  type: IncidentType | null;
  cur: boolean;
  count: number;
  response: Durations;
  resolve: Durations;
}

/** Incidents by type and in all, each period: opened → first guard on scene, and opened → resolved. */
export async function incidentFigures(db: Executor, w: ReportWindow): Promise<IncidentTypeFigures[]> {
  const rows = await rowsOf(
    db,
    sql`with inc as (
        select i.type, ${current(w, sql`i.opened_at`)} as cur,
          ${secondsBetween(sql`(select min(d.on_scene_at) from dispatches d where d.incident_id = i.id)`, sql`i.opened_at`)} as response_sec,
          ${secondsBetween(sql`i.resolved_at`, sql`i.opened_at`)} as resolve_sec
        from incidents i
        where i.stream = 'live' and i.site_id = ${w.siteId}
          and i.opened_at >= ${w.previousFrom.toISOString()}::timestamptz and i.opened_at < ${w.to.toISOString()}::timestamptz)
      select type, cur, grouping(type) as all_types, count(*)::int as n,
        ${durationColumns('resp', sql`response_sec`)}, ${durationColumns('res', sql`resolve_sec`)}
      from inc group by grouping sets ((type, cur), (cur))`,
  );
  return rows.map((row) => ({
    type: int(row.all_types) === 1 ? null : (row.type as IncidentType),
    cur: row.cur === true,
    count: int(row.n),
    response: durationsOf(row, 'resp'),
    resolve: durationsOf(row, 'res'),
  }));
}

export interface DispatchFigures {
  sent: number;
  declined: number;
  unanswered: number;
  accept: Durations;
  turnout: Durations;
  travel: Durations;
}

/** Dispatches sent in each period: answered, declined, unanswered; accept, turnout and travel times. */
export async function dispatchFigures(db: Executor, w: ReportWindow): Promise<{ current: DispatchFigures; previous: DispatchFigures }> {
  const rows = await rowsOf(
    db,
    sql`select ${current(w, sql`d.sent_at`)} as cur, count(*)::int as sent, count(d.declined_at)::int as declined, count(d.unanswered_at)::int as unanswered,
        ${durationColumns('acc', secondsBetween(sql`d.accepted_at`, sql`d.sent_at`))},
        ${durationColumns('turn', secondsBetween(sql`d.en_route_at`, sql`d.sent_at`))},
        ${durationColumns('trav', secondsBetween(sql`d.on_scene_at`, sql`d.en_route_at`))}
      from dispatches d
      where d.stream = 'live' and d.site_id = ${w.siteId}
        and d.sent_at >= ${w.previousFrom.toISOString()}::timestamptz and d.sent_at < ${w.to.toISOString()}::timestamptz
      group by 1`,
  );
  const of = (cur: boolean): DispatchFigures => {
    const row = rows.find((r) => r.cur === cur);
    return {
      sent: int(row?.sent), declined: int(row?.declined), unanswered: int(row?.unanswered),
      accept: durationsOf(row, 'acc'), turnout: durationsOf(row, 'turn'), travel: durationsOf(row, 'trav'),
    };
  };
  return { current: of(true), previous: of(false) };
}

/** The drills started on the site in the current period, with their scores once evaluated. */
export async function drillsInPeriod(db: Executor, w: ReportWindow) {
  const rows = await rowsOf(
    db,
    sql`select r.id, r.scenario -> 'name' as name, r.mode, r.state, r.started_at, r.ended_at,
        (r.evaluation ->> 'score')::float8 as score, r.evaluation ->> 'grade' as grade
      from drill_runs r
      where r.site_id = ${w.siteId} and r.started_at >= ${w.from.toISOString()}::timestamptz and r.started_at < ${w.to.toISOString()}::timestamptz
      order by r.started_at, r.id`,
  );
  return rows.map((row) => {
    const name = (typeof row.name === 'string' ? JSON.parse(row.name) : row.name) as Bilingual;
    return {
      id: row.id as string, name, mode: row.mode as string, state: row.state as string,
      startedAt: new Date(row.started_at as string).toISOString(),
      endedAt: row.ended_at ? new Date(row.ended_at as string).toISOString() : null,
      score: seconds(row.score), grade: (row.grade as string | null) ?? null,
    };
  });
}

export interface PatrolFigures {
  /** Checkpoints of the tours that started in the period. */
  planned: number;
  checked: number;
  missed: number;
  late: number;
}

/**
 * The live tours that started in the current and the previous period: their checkpoints, and how
 * many were checked in at (late ones too) and missed. A checkpoint not yet due counts as neither.
 */
export async function patrolFigures(db: Executor, w: ReportWindow): Promise<{ routes: number; current: PatrolFigures; previous: PatrolFigures }> {
  const [routes] = await rowsOf(db, sql`select count(*)::int as n from patrol_routes where site_id = ${w.siteId}`);
  const rows = await rowsOf(
    db,
    sql`select ${current(w, sql`t.starts_at`)} as cur, coalesce(sum(case when t.cancelled_at is null then t.checkpoint_count else t.checked_count + t.missed_count end), 0)::int as planned, coalesce(sum(t.checked_count), 0)::int as checked,
        coalesce(sum(t.missed_count), 0)::int as missed, coalesce(sum(t.late_count), 0)::int as late
      from patrol_tours t
      where t.stream = 'live' and t.site_id = ${w.siteId}
        and t.starts_at >= ${w.previousFrom.toISOString()}::timestamptz and t.starts_at < ${w.to.toISOString()}::timestamptz
      group by 1`,
  );
  const of = (cur: boolean): PatrolFigures => {
    const row = rows.find((r) => r.cur === cur);
    return { planned: int(row?.planned), checked: int(row?.checked), missed: int(row?.missed), late: int(row?.late) };
  };
  return { routes: int(routes?.n), current: of(true), previous: of(false) };
}

export interface HazardFigures {
  /** Reported in the period; of those, rectified (or verified since) and verified by now. */
  found: number;
  rectified: number;
  verified: number;
}

/** The live hazards reported in the current and the previous period, and how far each has got. */
export async function hazardFigures(db: Executor, w: ReportWindow): Promise<{ current: HazardFigures; previous: HazardFigures }> {
  const rows = await rowsOf(
    db,
    sql`select ${current(w, sql`h.reported_at`)} as cur, count(*)::int as found, count(h.rectified_at)::int as rectified, count(h.verified_at)::int as verified
      from hazards h
      where h.stream = 'live' and h.site_id = ${w.siteId}
        and h.reported_at >= ${w.previousFrom.toISOString()}::timestamptz and h.reported_at < ${w.to.toISOString()}::timestamptz
      group by 1`,
  );
  const of = (cur: boolean): HazardFigures => {
    const row = rows.find((r) => r.cur === cur);
    return { found: int(row?.found), rectified: int(row?.rectified), verified: int(row?.verified) };
  };
  return { current: of(true), previous: of(false) };
}
