/**
 * The patrol part of `pnpm bench:reports`' generated year: a route per site through 8 checkpoints
 * (devices of kind `checkpoint`), a tour of it every 2 hours all year, each checkpoint checked,
 * late, missed (and sometimes walked after all) or flagged, 1 tour in 200 cancelled (half before
 * it began, half mid-round with what was checked before), the check-ins, and a hazard per 200
 * tours. Written by SQL as the alarms are (`generate_series`, a chunk of tours per statement), not
 * through the scheduler: what the report reads, not how it came to be. No patrol.* events: the
 * report reads the tables, and the bench's alarms carry only their `alarm.raised` too.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';

export interface PatrolYear {
  sites: number;
  /** The year's first instant (ISO). */
  from: string;
  days: number;
}

const CHECKPOINTS = 8;
/** Minutes to the first checkpoint, then between two. */
const FIRST_MIN = 5;
const BETWEEN_MIN = 6;
const GRACE_MIN = 10;
const EVERY_HOURS = 2;
const TOURS_A_STATEMENT = 6_250;

const lit = (value: number) => sql.raw(String(Math.trunc(value)));

/** How many tours `generatePatrols` writes. */
export const tourCount = (year: PatrolYear) => year.sites * (24 / EVERY_HOURS) * year.days;

export async function generatePatrols(database: Database, year: PatrolYear): Promise<void> {
  const db = database.db;
  const sites = lit(year.sites);
  const routeId = (site: SQL) => sql`md5('bench-route-' || ${site})::uuid`;
  await db.execute(sql`insert into devices (id, site_id, zone_id, kind, name, name_en, x, y, floor)
    select 'bench-' || s || '-c' || p, 'bench-' || s, 'bench-' || s || '-z' || p, 'checkpoint', '巡更点' || p, 'Checkpoint ' || p, 20 + p * 40, 150, 0
    from generate_series(0, ${sites} - 1) s, generate_series(0, ${lit(CHECKPOINTS - 1)}) p`);
  // Inactive: the year is history, and the scheduler of the bench's own app would otherwise add
  // today's tours (and, minutes later, their missed checkpoints' alarms) to what is measured.
  await db.execute(sql`insert into patrol_routes (id, site_id, name, name_en, checkpoints, time_zone, start_time, end_time, every_minutes,
      guard_id, post, radius_m, allow_arrival, grace_minutes, active, removed_at, scheduled_until, updated_at)
    select ${routeId(sql`s`)}, 'bench-' || s, '环线巡更', 'Ring patrol',
      (select jsonb_agg(jsonb_build_object('deviceId', 'bench-' || s || '-c' || p, 'minutes', case when p = 0 then ${lit(FIRST_MIN)} else ${lit(BETWEEN_MIN)} end, 'nfcTagId', null) order by p)
        from generate_series(0, ${lit(CHECKPOINTS - 1)}) p),
      'Asia/Shanghai', '00:00', '00:00', ${lit(EVERY_HOURS * 60)}, null, '巡逻岗', 15, true, ${lit(GRACE_MIN)}, false, null, null, ${year.from}::timestamptz
    from generate_series(0, ${sites} - 1) s`);

  const total = tourCount(year);
  for (let start = 0; start < total; start += TOURS_A_STATEMENT) {
    const end = Math.min(total, start + TOURS_A_STATEMENT) - 1;
    await db.execute(sql`
      with t as (
        select gen_random_uuid() as id, n % ${sites} as s, ${year.from}::timestamptz + (n / ${sites}) * interval '${lit(EVERY_HOURS)} hours' as starts_at,
          case n % 400 when 123 then 'before' when 321 then 'during' end as cancel
        from generate_series(${lit(start)}, ${lit(end)}) n
      ), c as (
        select t.id, t.s, t.cancel, p, t.starts_at + (${lit(FIRST_MIN)} + p * ${lit(BETWEEN_MIN)}) * interval '1 minute' as due_at, random() as r, random() as f, random() as g
        from t, generate_series(0, ${lit(CHECKPOINTS - 1)}) p
      ), o as (
        select id, s, p, due_at, due_at + interval '${lit(GRACE_MIN)} minutes' as miss_at, g,
          -- nobody expected: cancelled before it began, or at the 30th minute of the round
          (cancel = 'before' or (cancel = 'during' and p >= 3)) as gone,
          case
            when cancel = 'before' or (cancel = 'during' and p >= 3) then null
            when cancel = 'during' then due_at - f * interval '4 minutes'
            when r < 0.03 then null
            when r < 0.04 then due_at + interval '${lit(GRACE_MIN)} minutes' + (5 + f * 20) * interval '1 minute'
            when r < 0.10 then due_at + (1 + f * ${lit(GRACE_MIN - 2)}) * interval '1 minute'
            else due_at - f * interval '4 minutes'
          end as checked_at,
          case when cancel is null and r < 0.04 then due_at + interval '${lit(GRACE_MIN)} minutes' end as missed_at
        from c
      ), tours as (
        insert into patrol_tours (id, stream, site_id, route_id, name, name_en, guard_id, post, starts_at, ends_at, radius_m, allow_arrival,
          grace_minutes, checkpoint_count, checked_count, missed_count, flagged_count, late_count, cancelled_at)
        select t.id, 'live', 'bench-' || t.s, ${routeId(sql`t.s`)}, '环线巡更', 'Ring patrol', null, '巡逻岗', t.starts_at,
          t.starts_at + interval '${lit(FIRST_MIN + (CHECKPOINTS - 1) * BETWEEN_MIN)} minutes', 15, true, ${lit(GRACE_MIN)}, ${lit(CHECKPOINTS)},
          k.checked, k.missed, k.flagged, k.late,
          case t.cancel when 'before' then t.starts_at - interval '1 hour' when 'during' then t.starts_at + interval '30 minutes' end
        from t join (
          select id, count(checked_at)::int as checked, count(*) filter (where missed_at is not null and checked_at is null)::int as missed,
            count(*) filter (where checked_at is not null and g < 0.01)::int as flagged, count(*) filter (where checked_at > due_at)::int as late
          from o group by id
        ) k using (id)
      ), checkins as (
        insert into patrol_checkins (id, client_id, stream, site_id, tour_id, position, device_id, guard_id, user_id, method, scanned_at, received_at, flagged, late, nearest_m)
        select gen_random_uuid(), gen_random_uuid()::text, 'live', 'bench-' || s, id, p, 'bench-' || s || '-c' || p, 'g' || (1 + s % 4), 'u', 
          (array['qr','qr','qr','nfc','arrival'])[1 + (p + s) % 5], checked_at, checked_at + interval '2 seconds', g < 0.01, checked_at > due_at,
          case when g < 0.01 then 80 + g * 1000 else g * 10 end
        from o where checked_at is not null
      )
      insert into patrol_tour_checkpoints (tour_id, position, stream, site_id, device_id, due_at, miss_at, checked_at, method, flagged, late, missed_at, alarm_id)
      select id, p, 'live', 'bench-' || s, 'bench-' || s || '-c' || p, due_at, miss_at, checked_at,
        case when checked_at is not null then (array['qr','qr','qr','nfc','arrival'])[1 + (p + s) % 5] end,
        checked_at is not null and g < 0.01, coalesce(checked_at > due_at, false), missed_at, null
      from o`);
  }
  // A hazard per 200 tours, reported at a checkpoint; most rectified, most of those verified.
  await db.execute(sql`insert into hazards (id, stream, site_id, state, note, device_id, tour_id, reported_by_id, reported_by_name, reported_at,
      assigned_at, rectified_at, verified_at, assignee_id, assignee_name, verified_by_id, verified_by_name)
    select gen_random_uuid(), 'live', t.site_id, case when r < 0.1 then 'open' when r < 0.2 then 'rectified' else 'verified' end,
      '消防通道堵塞 blocked fire lane', t.site_id || '-c' || (r * 100)::int % ${lit(CHECKPOINTS)}, t.id, 'g1', '巡逻员', t.starts_at + interval '20 minutes',
      case when r >= 0.1 then t.starts_at + interval '2 hours' end, case when r >= 0.1 then t.starts_at + interval '1 day' end,
      case when r >= 0.2 then t.starts_at + interval '2 days' end, case when r >= 0.1 then 'u' end, case when r >= 0.1 then '维修员' end,
      case when r >= 0.2 then 'u' end, case when r >= 0.2 then '值班员' end
    from (select id, site_id, starts_at, random() as r from patrol_tours where stream = 'live' and site_id like 'bench-%') t
    where random() < 0.005`);
}
