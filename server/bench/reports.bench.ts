/**
 * Reports and the alarm history over a year: `pnpm bench:reports`. Prints figures; exits 0
 * whatever they are (1 only when the bench itself breaks).
 *
 *   pnpm bench:reports [--alarms 500000] [--sites 20] [--runs 20] [--db pglite|postgres]
 *
 * 1. One year of generated history is inserted by SQL (`generate_series`, in chunks): `--sites`
 *    sites with 10 zones and 40 devices each, `--alarms` live alarms spread over the year (kinds,
 *    zones, devices, acknowledge/resolve times and dispositions drawn at random), one
 *    `alarm.raised` event each in the log, 2% more alarms on drill streams (never counted), an
 *    incident per 50 alarms with two dispatches each, a drill run a month per site, and the
 *    patrols (reports.patrols.ts): a route per site, a tour every 2 hours all year (≈87,600
 *    with 20 sites) with their checkpoints and check-ins, and a hazard per 200 tours.
 * 2. The monthly report (GET /api/v1/reports, period=month) over HTTP for `--runs` site/month
 *    pairs: p50 and max; its patrol query alone (no HTTP) beside a count(*) of the same tours.
 * 3. The history search (GET /api/v1/alarms, 100 a page) for ten typical filters, `--runs` each:
 *    p50 and p99.
 * 4. The baseline in the same run: a plain `count(*)` over the same rows (a site's month of live
 *    alarms; the whole alarms table), and the database's size.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { AlarmKind, Disposition, IncidentType, SiteReport } from '@vigil/shared';
import { DEFAULT_DATABASE_TIMEOUTS, openDatabase, type Database } from '../src/db/client.js';
import { patrolFigures } from '../src/repositories/reports.repository.js';
import { openTarget, percentile, startBenchVigil } from './alarms.bench.js';
import { generatePatrols, tourCount } from './reports.patrols.js';

interface Options {
  alarms: number;
  sites: number;
  runs: number;
  db: 'pglite' | 'postgres';
}

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: Object.fromEntries(['alarms', 'sites', 'runs', 'db'].map((name) => [name, { type: 'string' as const }])),
  });
  const count = (name: string, fallback: number, min = 1, max = 10_000_000) => {
    const raw = values[name];
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name}: must be an integer from ${min} to ${max}`);
    return value;
  };
  const db = values.db ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db: must be pglite or postgres');
  return { alarms: count('alarms', 500_000), sites: count('sites', 20, 1, 500), runs: count('runs', 20, 1, 1_000), db };
}

/** The generated year: [YEAR_FROM, YEAR_FROM + 365 days). */
const YEAR_FROM = '2025-12-01T00:00:00Z';
const CHUNK = 50_000;
const KINDS: AlarmKind[] = ['intrusion', 'vibration', 'door_forced', 'fire', 'smoke', 'water_leak', 'elevator_entrapment', 'device_fault', 'sos'];
const DISPOSITIONS: Disposition[] = ['confirmed', 'false', 'false', 'false', 'duplicate', 'fault'];
const INCIDENT_TYPES: IncidentType[] = ['fire', 'intrusion', 'theft', 'medical', 'elevator_entrapment', 'flooding'];

const ms = (value: number) => `${value.toFixed(1)} ms`;
const pct = (ratio: number | null) => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`);
const hazardsOf = (h: SiteReport['hazards']) => (h.available ? `found ${h.found}, rectified ${h.rectified}, verified ${h.verified}` : 'none');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
/** An integer written into the statement (generate_series wants typed bounds; these are the bench's own numbers). */
const lit = (value: number) => sql.raw(String(Math.trunc(value)));
const arr = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await run();
  return [performance.now() - started, result];
}

async function generate(database: Database, o: Options): Promise<void> {
  const db = database.db;
  // Sites, zones and devices: reference data the report joins for names.
  await db.execute(sql`insert into sites (id, name, name_en, plan_width, plan_height, floors)
    select 'bench-' || s, '基准小区' || s, 'Bench estate ' || s, 400, 300, '[{"level":0,"name":"地面","nameEn":"Ground"}]'::jsonb
    from generate_series(0, ${lit(o.sites - 1)}) s`);
  await db.execute(sql`insert into zones (id, site_id, name, name_en, kind, floor, geometry)
    select 'bench-' || s || '-z' || z, 'bench-' || s, '区域' || z, 'Zone ' || z, 'perimeter', 0, '{"type":"LineString","coordinates":[[0,0],[10,0]]}'::jsonb
    from generate_series(0, ${lit(o.sites - 1)}) s, generate_series(0, 9) z`);
  await db.execute(sql`insert into devices (id, site_id, zone_id, kind, name, name_en, x, y, floor)
    select 'bench-' || s || '-d' || d, 'bench-' || s, 'bench-' || s || '-z' || (d % 10), 'perimeter_beam', '设备' || d, 'Device ' || d, d, d, 0
    from generate_series(0, ${lit(o.sites - 1)}) s, generate_series(0, 39) d`);
  // Alarms, live (and 2% on drill streams), with their `alarm.raised` events, a chunk per statement.
  const total = Math.round(o.alarms * 1.02);
  for (let start = 0; start < total; start += CHUNK) {
    const end = Math.min(total, start + CHUNK) - 1;
    await db.execute(sql`
      with g as (
        select n, (n % ${lit(o.sites)}) as s, ((n::bigint * 7919) % 40)::int as d,
          ${YEAR_FROM}::timestamptz + (random() * interval '365 days') as at,
          case when n % 51 = 50 then 'drill:00000000-0000-4000-8000-' || lpad((n % 12)::text, 12, '0') else 'live' end as stream,
          random() as r, (5 + random() * 300) as ack, (120 + random() * 7200) as res
        from generate_series(${lit(start)}, ${lit(end)}) n
      ), a as (
        insert into alarms (id, site_id, stream, dedup_key, kind, priority, state, source, device_id, zone_id, message, attributes,
          occurred_at, first_at, last_at, count, acknowledged_at, resolved_at, disposition, owner_name)
        select gen_random_uuid(), 'bench-' || s, stream, 'bench-' || n, (${arr(KINDS)})[1 + (n % ${lit(KINDS.length)})], 1 + (n % 4),
          case when r < 0.02 then 'new' when r < 0.05 then 'acknowledged' else 'resolved' end,
          jsonb_build_object('deviceId', 'bench-' || s || '-d' || d), 'bench-' || s || '-d' || d, 'bench-' || s || '-z' || (d % 10),
          '报警 alarm ' || n || ' 设备 ' || d, '{}'::jsonb, at, at, at, 1,
          case when r < 0.02 then null else at + ack * interval '1 second' end,
          case when r < 0.05 then null else at + res * interval '1 second' end,
          case when r < 0.05 then null else (${arr(DISPOSITIONS)})[1 + (n % ${lit(DISPOSITIONS.length)})] end, '值班员'
        from g returning id, site_id, stream, kind, first_at
      )
      insert into events (stream, at, site_id, type, actor, payload)
      select stream, first_at, site_id, 'alarm.raised', '{"kind":"integration","id":"bench","name":"Bench"}'::jsonb,
        jsonb_build_object('alarm', jsonb_build_object('id', id, 'siteId', site_id, 'kind', kind))
      from a`);
  }
  // An incident per 50 live alarms, two dispatches each.
  await db.execute(sql`
    with i as (
      insert into incidents (id, stream, site_id, number, type, level, title, state, opened_at, opened_by_id, opened_by_name, resolved_at)
      select gen_random_uuid(), 'live', 'bench-' || (n % ${lit(o.sites)}), 'B' || n, (${arr(INCIDENT_TYPES)})[1 + (n % ${lit(INCIDENT_TYPES.length)})], 2,
        'bench incident ' || n, 'resolved', at, 'u', '值班员', at + (600 + random() * 3600) * interval '1 second'
      from (select n, ${YEAR_FROM}::timestamptz + (random() * interval '365 days') as at from generate_series(1, ${lit(Math.floor(o.alarms / 50))}) n) x
      returning id, site_id, opened_at
    )
    insert into dispatches (id, stream, incident_id, site_id, guard_id, state, sent_at, sent_by_id, sent_by_name, answer_due_at,
      accepted_at, en_route_at, on_scene_at, cleared_at)
    select gen_random_uuid(), 'live', i.id, i.site_id, 'g' || k, 'cleared', i.opened_at + interval '60 seconds', 'u', '值班员',
      i.opened_at + interval '120 seconds', i.opened_at + interval '90 seconds', i.opened_at + (100 + k * 20) * interval '1 second',
      i.opened_at + (300 + random() * 400) * interval '1 second', i.opened_at + interval '1 hour'
    from i, generate_series(1, 2) k`);
  // A drill a month per site, evaluated.
  await db.execute(sql`insert into drill_runs (id, stream, site_id, scenario, mode, state, controller_id, controller_name, started_at, ended_at, evaluation)
    select gen_random_uuid(), 'drill:' || gen_random_uuid(), 'bench-' || s, '{"id":"bench","name":{"zh":"月度演练","en":"Monthly drill"},"injects":[]}'::jsonb,
      'tabletop', 'ended', gen_random_uuid(), 'trainer', ${YEAR_FROM}::timestamptz + m * interval '1 month' + interval '10 days',
      ${YEAR_FROM}::timestamptz + m * interval '1 month' + interval '10 days 1 hour',
      jsonb_build_object('targets', '[]'::jsonb, 'steps', '[]'::jsonb, 'score', round((60 + random() * 40)::numeric, 1), 'grade', 'good', 'late', '[]'::jsonb, 'skipped', '[]'::jsonb, 'missed', '[]'::jsonb)
    from generate_series(0, ${lit(o.sites - 1)}) s, generate_series(0, 11) m`);
  await generatePatrols(database, { sites: o.sites, from: YEAR_FROM, days: 365 });
  await db.execute(sql`analyze`);
}

async function main(): Promise<void> {
  const o = options();
  const { target, drop } = await openTarget(o.db);
  const database = await openDatabase(target, { ...DEFAULT_DATABASE_TIMEOUTS, statementMs: 300_000 });
  try {
    const { app, url, cookie } = await startBenchVigil(database);
    try {
      const [writeMs] = await timed(() => generate(database, o));
      const counts = (await database.db.execute(
        sql`select count(*) filter (where stream = 'live')::int as live, count(*)::int as all, (select count(*)::int from patrol_tours) as tours,
          (select count(*)::int from patrol_tour_checkpoints) as checkpoints from alarms`,
      )) as unknown as { rows: { live: number; all: number; tours: number; checkpoints: number }[] };
      const count = counts.rows[0]!;
      if (count.tours !== tourCount({ sites: o.sites, from: YEAR_FROM, days: 365 })) throw new Error(`${count.tours} patrol tours written, not ${tourCount({ sites: o.sites, from: YEAR_FROM, days: 365 })}`);
      console.log(`history: ${count.live.toLocaleString()} live alarms (${count.all.toLocaleString()} with drills'), ${o.sites} sites, one year, written in ${ms(writeMs)} (${o.db})`);
      console.log(`patrols: ${count.tours.toLocaleString()} tours every 2 h, ${count.checkpoints.toLocaleString()} tour checkpoints`);

      const get = async (path: string) => {
        const [took, response] = await timed(() => fetch(`${url}${path}`, { headers: { cookie } }));
        const body = await response.text();
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
        return { took, body };
      };
      const months = Array.from({ length: o.runs }, (_, i) => ({ site: `bench-${i % o.sites}`, start: new Date(Date.UTC(2025, 11 + (i % 12), 15)).toISOString().slice(0, 10) }));

      // The monthly report, and a plain count(*) of the same rows, in the same run.
      const reportTimes: number[] = [];
      const countTimes: number[] = [];
      const patrolTimes: number[] = [];
      const tourCountTimes: number[] = [];
      let rows = 0;
      let tours = 0;
      let lastPatrol = '';
      for (const { site, start } of months) {
        const { took, body } = await get(`/api/v1/reports?siteId=${site}&period=month&start=${start}`);
        reportTimes.push(took);
        const report = JSON.parse(body) as { report: Pick<SiteReport, 'from' | 'to' | 'previousFrom' | 'timeZone' | 'patrol' | 'hazards'> & { current: { alarms: { total: number } } } };
        rows += report.report.current.alarms.total;
        const { patrol } = report.report;
        if (!patrol.available || patrol.planned === 0) throw new Error(`${site} ${start}: the report has no patrol figures`);
        lastPatrol = `${site} ${start.slice(0, 7)}: planned ${patrol.planned}, completed ${patrol.completed}, missed ${patrol.missed}, late ${patrol.late}, coverage ${pct(patrol.coverage)} (the month before ${pct(patrol.previousCoverage)}); hazards ${hazardsOf(report.report.hazards)}`;
        // The report's patrol query alone, and a plain count(*) of the tours it reads (the month and the one before).
        const window = { siteId: site, from: new Date(report.report.from), to: new Date(report.report.to), previousFrom: new Date(report.report.previousFrom), timeZone: report.report.timeZone };
        const [figured, figures] = await timed(() => patrolFigures(database.db, window));
        if (figures.current.checked !== patrol.completed) throw new Error(`the patrol query counted ${figures.current.checked} checked, the report ${patrol.completed}`);
        patrolTimes.push(figured);
        const [toured, tourResult] = await timed(() =>
          database.db.execute(sql`select count(*)::int as n from patrol_tours where stream = 'live' and site_id = ${site} and starts_at >= ${report.report.previousFrom}::timestamptz and starts_at < ${report.report.to}::timestamptz`),
        );
        tours += (tourResult as unknown as { rows: { n: number }[] }).rows[0]!.n;
        tourCountTimes.push(toured);
        const [counted, result] = await timed(() =>
          database.db.execute(sql`select count(*)::int as n from alarms where stream = 'live' and site_id = ${site} and first_at >= ${report.report.from}::timestamptz and first_at < ${report.report.to}::timestamptz`),
        );
        const n = (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
        if (n !== report.report.current.alarms.total) throw new Error(`the report counted ${report.report.current.alarms.total} alarms, count(*) ${n}`);
        countTimes.push(counted);
      }
      const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
      const r = sorted(reportTimes);
      const c = sorted(countTimes);
      console.log(`\nmonthly report GET /api/v1/reports, ${o.runs} site-months (≈${Math.round(rows / o.runs).toLocaleString()} alarms each, the month before too):`);
      console.log(`  p50 ${ms(percentile(r, 50))}  max ${ms(r.at(-1)!)}  (first ${ms(reportTimes[0]!)})`);
      console.log(`  baseline count(*) of the same rows (no HTTP): p50 ${ms(percentile(c, 50))}  max ${ms(c.at(-1)!)}`);
      const pq = sorted(patrolTimes);
      const pc = sorted(tourCountTimes);
      console.log(`  patrol section of the last: ${lastPatrol}`);
      console.log(`  its query alone (no HTTP, ≈${Math.round(tours / o.runs).toLocaleString()} tours of the month and the one before): p50 ${ms(percentile(pq, 50))}  max ${ms(pq.at(-1)!)}`);
      console.log(`  baseline count(*) of the same tours: p50 ${ms(percentile(pc, 50))}  max ${ms(pc.at(-1)!)}`);

      // Ten typical searches of the history.
      const day = (d: number) => new Date(Date.UTC(2026, 5, d)).toISOString();
      const filters: [string, string][] = [
        ['newest, no filter', ''],
        ['one site', 'siteId=bench-3'],
        ['one kind', 'kind=fire'],
        ['site + kind', 'siteId=bench-3&kind=intrusion,vibration'],
        ['one zone', 'zoneId=bench-3-z4'],
        ['one device', 'deviceId=bench-3-d17'],
        ['not resolved', 'state=open'],
        ['false alarms of a site', 'siteId=bench-5&disposition=false'],
        ['text search', 'q=alarm%2012345'],
        ['one day of a site', `siteId=bench-7&from=${day(10)}&to=${day(11)}`],
      ];
      console.log(`\nhistory search GET /api/v1/alarms (100 a page), ${o.runs} runs each:`);
      for (const [name, query] of filters) {
        const times: number[] = [];
        for (let i = 0; i < o.runs; i += 1) times.push((await get(`/api/v1/alarms?limit=100&${query}`)).took);
        const t = sorted(times);
        console.log(`  ${name.padEnd(24)} p50 ${ms(percentile(t, 50)).padStart(10)}  p99 ${ms(percentile(t, 99)).padStart(10)}`);
      }

      const all: number[] = [];
      for (let i = 0; i < Math.min(5, o.runs); i += 1) all.push((await timed(() => database.db.execute(sql`select count(*) from alarms`)))[0]);
      console.log(`\nbaseline count(*) over the whole alarms table: p50 ${ms(percentile(sorted(all), 50))}`);
      const sizes = (await database.db.execute(
        sql`select pg_database_size(current_database())::float8 as db, pg_total_relation_size('alarms')::float8 as alarms, pg_total_relation_size('events')::float8 as events,
          (pg_total_relation_size('patrol_tours') + pg_total_relation_size('patrol_tour_checkpoints') + pg_total_relation_size('patrol_checkins'))::float8 as patrols`,
      )) as unknown as { rows: { db: number; alarms: number; events: number; patrols: number }[] };
      const size = sizes.rows[0]!;
      console.log(`database size: ${mb(size.db)} (alarms with indexes ${mb(size.alarms)}, events ${mb(size.events)}, patrol tours, checkpoints and check-ins ${mb(size.patrols)})`);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
