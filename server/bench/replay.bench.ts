/**
 * Replay seeks on a long day: `pnpm bench:replay`. Prints figures; exits 0 whatever they are
 * (1 only when the bench itself breaks).
 *
 *   pnpm bench:replay [--events 200000] [--alarms 5000] [--incidents 200] [--guards 50]
 *                     [--fix-seconds 5] [--seeks 200] [--baselines 5] [--play-seconds 20] [--db pglite|postgres]
 *
 * 1. A busy 24-hour day is written to the log: alarms raised, repeated, acknowledged and
 *    resolved; incidents with a running plan, their steps and a dispatch each; devices flapping
 *    online/offline to make up the event count; and the positions lane (each guard one fix every
 *    few seconds). The running server's broadcaster folds the day as it would live, and its
 *    checkpoint writer takes checkpoints by the default policy (every 1,000 events or 10 min).
 * 2. GET /api/v1/replay/state at random moments of the day over HTTP: p50/p99/max time, how many
 *    events each seek folded after its checkpoint, and the answer's size.
 * 3. The baseline, in the same run: the same moments' state by a full fold of the log from its
 *    start (what a seek costs with no checkpoints), for a few moments; each is checked to equal
 *    the seek's answer.
 * 4. Playback: the built client's /wall in Chromium (client/bench/replay-playback.mjs), live for
 *    the baseline, then replaying two hours of the day at 60×: frames per second, long tasks over
 *    50 ms, the page's heap before and after (what a replay session costs the screen).
 *
 * The day's events are inserted straight into the log (generated history, with times of the
 * day), not through the commands: this measures reading a long log, not writing one.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  liveStateToJson,
  parseStoredEvent,
  startPlanRun,
  type Alarm,
  type LiveState,
  type NewEvent,
} from '@vigil/shared';
import { buildDispatch, buildIncident, buildPlan } from '@vigil/shared/testing';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/db/client.js';
import { events } from '../src/db/schema/index.js';
import { project } from '../src/realtime/projection.js';
import { insertPositions, type PositionRow } from '../src/repositories/positions.repository.js';
import { streamEventsBetween } from '../src/repositories/replay.repository.js';
import { openTarget, startBenchVigil } from './alarms.bench.js';
import { findClientDist } from '../src/plugins/client.js';

const run = promisify(execFile);

const DAY_MS = 24 * 3_600_000;
const actor = { kind: 'integration' as const, id: 'bench', name: 'Bench' };
const person = { id: 'u-bench', name: '值班员' };

interface Options {
  events: number;
  alarms: number;
  incidents: number;
  guards: number;
  fixSeconds: number;
  seeks: number;
  baselines: number;
  /** Seconds of 60× playback in Chromium (0: none). */
  playSeconds: number;
  db: 'pglite' | 'postgres';
}

function options(): Options {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== '--'),
    options: Object.fromEntries(['events', 'alarms', 'incidents', 'guards', 'fix-seconds', 'seeks', 'baselines', 'play-seconds', 'db'].map((name) => [name, { type: 'string' as const }])),
  });
  const count = (name: string, fallback: number, min = 1) => {
    const raw = values[name];
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name}: must be an integer ≥ ${min}`);
    return value;
  };
  const db = values.db ?? 'pglite';
  if (db !== 'pglite' && db !== 'postgres') throw new Error('--db: must be pglite or postgres');
  return {
    events: count('events', 200_000),
    alarms: count('alarms', 5_000),
    incidents: count('incidents', 200, 0),
    guards: count('guards', 50, 0),
    fixSeconds: count('fix-seconds', 5),
    seeks: count('seeks', 200),
    baselines: count('baselines', 5),
    playSeconds: count('play-seconds', 20, 0),
    db,
  };
}

/** A deterministic generator (mulberry32), so two runs write the same day. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Planned = { at: number; event: NewEvent };

/** The busy day's events, by time. */
function busyDay(options: Options, dayStart: number, deviceIds: string[]): Planned[] {
  const next = random(7);
  const planned: Planned[] = [];
  const add = (at: number, type: NewEvent['type'], payload: unknown) => planned.push({ at: Math.min(at, dayStart + DAY_MS - 1), event: { siteId: 'test', type, actor, payload } as NewEvent });
  for (let index = 0; index < options.alarms; index += 1) {
    const raisedAt = dayStart + Math.floor(next() * (DAY_MS - 3_600_000));
    const iso = new Date(raisedAt).toISOString();
    const alarm: Alarm = {
      id: randomUUID(), siteId: 'test', kind: 'intrusion', priority: 1 + Math.floor(next() * 9), state: 'new', source: { externalId: `panel:${index % 40}` }, deviceId: null,
      zoneId: null, location: null, message: `北围墙对射 ${index}`, text: null, attributes: {}, occurredAt: iso, firstAt: iso, lastAt: iso, count: 1, owner: null,
      acknowledgedAt: null, heldAt: null, disposition: null, note: null, resolvedAt: null, resolvedBy: null, incidentId: null, escalatedAt: null,
    };
    add(raisedAt, 'alarm.raised', { alarm });
    if (next() < 0.3) add(raisedAt + 5_000, 'alarm.repeated', { alarmId: alarm.id, count: 2, lastAt: new Date(raisedAt + 5_000).toISOString(), priority: alarm.priority, message: alarm.message });
    add(raisedAt + 30_000 + Math.floor(next() * 60_000), 'alarm.acknowledged', { alarmId: alarm.id, owner: person });
    if (next() < 0.9) add(raisedAt + 120_000 + Math.floor(next() * 1_800_000), 'alarm.resolved', { alarmId: alarm.id, disposition: 'false', note: null, resolvedBy: person });
  }
  // The guards the positions lane moves, on the roster from the day's start.
  for (let guard = 0; guard < options.guards; guard += 1) {
    add(dayStart, 'guard.saved', { guard: { id: `bench-g${guard}`, siteId: 'test', callsign: `B${guard}`, name: `秩序员 ${guard}`, status: 'available', onShift: true, userId: null, zoneIds: [] } });
  }
  const plan = buildPlan();
  for (let index = 0; index < options.incidents; index += 1) {
    const openedAt = dayStart + Math.floor(next() * (DAY_MS - 4 * 3_600_000));
    const at = (offsetMs: number) => new Date(openedAt + offsetMs).toISOString();
    const incident = buildIncident({ id: randomUUID(), siteId: 'test', number: `BENCH-${index}`, openedAt: at(0), plan: null, owner: person, openedBy: person });
    const dispatch = buildDispatch({ id: randomUUID(), incidentId: incident.id, siteId: 'test', guardId: `bench-g${index % Math.max(1, options.guards)}`, sentAt: at(240_000), sentBy: person });
    add(openedAt, 'incident.opened', { incident });
    add(openedAt + 1_000, 'plan.started', { incidentId: incident.id, run: startPlanRun(plan, at(1_000), person) });
    add(openedAt + 50_000, 'plan.stepCompleted', { incidentId: incident.id, stepId: 'assess', answer: 'yes', note: null, call: null, by: person });
    add(openedAt + 130_000, 'plan.stepWarned', { incidentId: incident.id, stepId: 'call_119' });
    add(openedAt + 180_000, 'plan.stepCompleted', { incidentId: incident.id, stepId: 'call_119', answer: 'done', note: null, call: null, by: person });
    add(openedAt + 240_000, 'dispatch.sent', { dispatch, incident });
    for (const [offset, type] of [[300_000, 'dispatch.accepted'], [320_000, 'dispatch.enRoute'], [600_000, 'dispatch.arrived'], [1_800_000, 'dispatch.cleared']] as const) {
      const ref = { dispatchId: dispatch.id, incidentId: incident.id, guardId: dispatch.guardId };
      add(openedAt + offset, type, type === 'dispatch.arrived' ? { ...ref, arrival: 'detected' } : ref);
    }
    add(openedAt + 900_000, 'plan.stepCompleted', { incidentId: incident.id, stepId: 'evacuate', answer: 'done', note: null, call: null, by: person });
    add(openedAt + 2_400_000, 'plan.stepCompleted', { incidentId: incident.id, stepId: 'report', answer: 'done', note: null, call: null, by: person });
    add(openedAt + 2_500_000, 'incident.stateChanged', { incidentId: incident.id, state: 'resolved', previous: 'in_progress', note: null, summary: null });
    add(openedAt + 3_600_000, 'incident.stateChanged', { incidentId: incident.id, state: 'closed', previous: 'resolved', note: null, summary: '误报，已复位' });
  }
  // Devices flapping (a camera health check's findings) make up the rest of the count.
  const flaps = Math.max(0, options.events - planned.length);
  const statuses = new Map(deviceIds.map((id) => [id, 'online' as 'online' | 'offline']));
  for (let index = 0; index < flaps; index += 1) {
    const deviceId = deviceIds[index % deviceIds.length]!;
    const previous = statuses.get(deviceId)!;
    const status = previous === 'online' ? 'offline' : 'online';
    statuses.set(deviceId, status);
    add(dayStart + Math.floor((index / flaps) * DAY_MS), 'device.statusChanged', { deviceId, status, previous });
  }
  return planned.sort((a, b) => a.at - b.at);
}

/** Every generated event type passes the stored-event schemas (else the broadcaster would skip it). */
function checkShapes(planned: Planned[]): void {
  const seen = new Set<string>();
  for (const { at, event } of planned) {
    if (seen.has(event.type)) continue;
    seen.add(event.type);
    const parsed = parseStoredEvent({ ...event, seq: 1, stream: 'live', at: new Date(at).toISOString() });
    if (!parsed.ok) throw new Error(`generated ${event.type} is not a valid event: ${parsed.error}`);
  }
}

async function writeDay(database: Database, planned: Planned[]): Promise<void> {
  const BATCH = 2_000;
  for (let index = 0; index < planned.length; index += BATCH) {
    const rows = planned.slice(index, index + BATCH).map(({ at, event }) => ({
      stream: 'live', at: new Date(at), siteId: event.siteId, type: event.type, actor: event.actor, payload: event.payload as Record<string, unknown>,
    }));
    await database.db.insert(events).values(rows);
  }
}

async function writeFixes(database: Database, options: Options, dayStart: number): Promise<number> {
  const stepMs = options.fixSeconds * 1_000;
  let written = 0;
  let batch: PositionRow[] = [];
  for (let at = dayStart; at < dayStart + DAY_MS; at += stepMs) {
    for (let guard = 0; guard < options.guards; guard += 1) {
      const phase = (at / 60_000 + guard * 7) % 200;
      batch.push({
        guardId: `bench-g${guard}`, siteId: 'test', at: new Date(at), receivedAt: new Date(at), x: phase, y: 20 + guard, floor: 0,
        lat: null, lon: null, accuracy: 5, heading: null, speed: 1.2, battery: 80, source: 'phone',
      });
    }
    if (batch.length >= 10_000) {
      written += (await insertPositions(database.db, batch)).length;
      batch = [];
    }
  }
  written += (await insertPositions(database.db, batch)).length;
  return written;
}

/** The baseline: the state at a moment by folding the whole log from its start (no checkpoints). */
async function fullFold(database: Database, start: LiveState, untilSeq: number): Promise<LiveState> {
  let state = start;
  let after = start.seq;
  for (;;) {
    const batch = await streamEventsBetween(database.db, 'live', after, untilSeq, 5_000);
    for (const read of batch) {
      if (read.ok) state = project(state, read.event);
      after = read.seq;
    }
    if (batch.length < 5_000) return state;
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const opts = options();
  const { target, drop } = await openTarget(opts.db);
  const database = await openDatabase(target);
  try {
    const clientDist = opts.playSeconds > 0 ? findClientDist() : null;
    const { app, url, cookie } = await startBenchVigil(database, clientDist);
    try {
      const start = app.broadcaster.snapshot('live');
      const deviceIds = Object.values(start.sites).flatMap((site) => site.devices.map((device) => device.id));
      // The day is yesterday's (a browser replays only the past), and what the log held before
      // it (the bootstrap) older still: times rise with seq.
      // (The log is append-only by trigger; this throwaway database's history is being made up.)
      await database.db.execute(sql`alter table events disable trigger events_append_only`);
      await database.db.execute(sql`update events set at = at - interval '27 hours'`);
      await database.db.execute(sql`alter table events enable trigger events_append_only`);
      await database.db.execute(sql`update checkpoints set at = at - interval '27 hours'`);
      const dayStart = Date.now() - 26 * 3_600_000;
      let began = performance.now();
      const planned = busyDay(opts, dayStart, deviceIds);
      checkShapes(planned);
      await writeDay(database, planned);
      const writeMs = performance.now() - began;
      began = performance.now();
      const fixes = opts.guards > 0 ? await writeFixes(database, opts, dayStart) : 0;
      const fixesMs = performance.now() - began;

      // The broadcaster folds the day as it is written (its sweep reads the log every 2 s); this waits for the rest.
      began = performance.now();
      await app.broadcaster.wake();
      await app.checkpoints.idle();
      const foldMs = performance.now() - began;
      // What autovacuum would have done on a real server by now: the planner's statistics of the new rows.
      await database.db.execute(sql`analyze`);
      const counts = (await database.db.execute(sql`select count(*)::int as n, coalesce(max(seq), 0)::bigint as last from checkpoints where stream = 'live'`)) as unknown as { rows: { n: number }[] };
      const sizes = (await database.db.execute(sql`select coalesce(avg(pg_column_size(state)), 0)::int as avg, coalesce(max(pg_column_size(state)), 0)::int as max from checkpoints`)) as unknown as { rows: { avg: number; max: number }[] };
      console.log(`day: ${planned.length.toLocaleString()} events (${opts.alarms.toLocaleString()} alarms, ${opts.incidents} incidents with plans and dispatches, the rest device flaps) written in ${ms(writeMs)}`);
      console.log(`positions lane: ${fixes.toLocaleString()} fixes (${opts.guards} guards, one per ${opts.fixSeconds} s) written in ${ms(fixesMs)}`);
      console.log(`broadcaster: the rest of the day folded, its checkpoints written ${ms(foldMs)} after the last insert; ${counts.rows[0]!.n} checkpoints, stored ${mb(sizes.rows[0]!.avg)} avg / ${mb(sizes.rows[0]!.max)} max each`);

      const next = random(99);
      const moments = Array.from({ length: opts.seeks }, () => dayStart + Math.floor(next() * DAY_MS));
      const times: number[] = [];
      const folded: number[] = [];
      let bytes = 0;
      let placed = 0;
      const answers = new Map<number, { seq: number; state: unknown }>();
      const heapBefore = process.memoryUsage().heapUsed;
      for (const moment of moments) {
        const t0 = performance.now();
        const response = await fetch(`${url}/api/v1/replay/state?stream=live&at=${new Date(moment).toISOString()}`, { headers: { cookie } });
        const text = await response.text();
        times.push(performance.now() - t0);
        if (response.status !== 200) throw new Error(`seek failed: ${response.status} ${text.slice(0, 200)}`);
        const body = JSON.parse(text) as { seq: number; folded: number; state: unknown; positions: unknown[] };
        folded.push(body.folded);
        placed = Math.max(placed, body.positions.length);
        bytes = Math.max(bytes, text.length);
        if (answers.size < opts.baselines) answers.set(moment, body);
      }
      const heapAfter = process.memoryUsage().heapUsed;
      times.sort((a, b) => a - b);
      folded.sort((a, b) => a - b);
      console.log(`\nseek GET /api/v1/replay/state, ${opts.seeks} random moments (${opts.db}):`);
      console.log(`  p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  max ${ms(times.at(-1)!)}`);
      console.log(`  events folded after the checkpoint: p50 ${percentile(folded, 50)}  max ${folded.at(-1)} (policy: every ${app.checkpoints.policy.everyEvents} events or ${app.checkpoints.policy.everyMs / 60_000} min)`);
      console.log(`  guards placed at their last fix: up to ${placed} of ${opts.guards}; largest answer ${mb(bytes)}; server heap ${mb(heapBefore)} → ${mb(heapAfter)} over the seeks (no GC forced)`);

      const baseline: number[] = [];
      let equal = 0;
      for (const [moment, answer] of answers) {
        const t0 = performance.now();
        const state = await fullFold(database, start, answer.seq);
        const json = JSON.stringify(liveStateToJson(state));
        baseline.push(performance.now() - t0);
        const difference = firstDifference(JSON.parse(json), answer.state);
        if (difference) console.log(`  differs at ${new Date(moment).toISOString()}: ${difference}`);
        else equal += 1;
      }
      baseline.sort((a, b) => a - b);
      console.log(`\nbaseline: full fold of the log from its start, ${answers.size} of the same moments (in this process, no HTTP):`);
      console.log(`  p50 ${ms(percentile(baseline, 50))}  max ${ms(baseline.at(-1)!)}; equal to the seek's answer: ${equal}/${answers.size}`);
      if (opts.playSeconds > 0) await playback(url, cookie, clientDist, dayStart + 10 * 3_600_000, opts.playSeconds);
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await drop();
  }
}

const PLAYBACK_SCRIPT = fileURLToPath(new URL('../../client/bench/replay-playback.mjs', import.meta.url));
const PLAYBACK_SPEED = 60;

/**
 * The wall in Chromium (client/bench/replay-playback.mjs): live for `seconds` (the baseline), then
 * replaying two hours of the day from `from` at 60×: frames per second, long tasks, the page's heap.
 */
async function playback(url: string, cookie: string, clientDist: string | null, from: number, seconds: number): Promise<void> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  console.log(`\nplayback on /wall at ${PLAYBACK_SPEED}× in Chromium, ${seconds} s, against the same wall live for ${seconds} s:`);
  if (!clientDist || !existsSync(chromium)) {
    console.log(`  not measured: needs the built client (pnpm --filter @vigil/client build) and Chromium at ${chromium} (CHROMIUM_PATH)`);
    return;
  }
  const config = { url, cookie, from, to: from + 2 * 3_600_000, seconds, speed: PLAYBACK_SPEED, screenshot: '/tmp/bench-replay-playback.png', profile: process.env.BENCH_PROFILE };
  const { stdout } = await run(process.execPath, [PLAYBACK_SCRIPT, JSON.stringify(config)], { maxBuffer: 1 << 20, timeout: (seconds * 2 + 180) * 1000 });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as PlaybackResult;
  const row = (name: string, figures: FrameFigures) =>
    `  ${name.padEnd(8)} ${figures.fps.toFixed(1).padStart(5)} fps   frame gap p99 ${figures.frameGapP99Ms.toFixed(1).padStart(6)} ms   frames over 50 ms ${String(figures.framesOver50Ms).padStart(4)}   long tasks ${String(figures.longTasks).padStart(4)} (longest ${figures.longestTaskMs.toFixed(0)} ms)`;
  console.log(row('live', result.live));
  console.log(row('replay', result.replay));
  console.log(`  replayed ${(result.replayedMs / 60_000).toFixed(1)} min of the day in ${(result.wallMs / 1000).toFixed(0)} s; page JS heap ${result.liveHeapMb.toFixed(1)} MB live, ${result.heapBeforeMb.toFixed(1)} MB when the replay had loaded, ${result.heapAfterMb.toFixed(1)} MB after playing (after GC); screenshot ${config.screenshot}`);
  const verdict = (ok: boolean, text: string) => console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${text}`);
  verdict(result.replay.fps >= 55, `60× playback keeps the map at 60 fps (${result.replay.fps.toFixed(1)})`);
  verdict(result.replay.longTasks === 0, `no long task over 50 ms during playback (${result.replay.longTasks}, longest ${result.replay.longestTaskMs.toFixed(0)} ms)`);
}

interface FrameFigures { fps: number; frameGapP99Ms: number; framesOver50Ms: number; longTasks: number; longestTaskMs: number }
interface PlaybackResult { live: FrameFigures; replay: FrameFigures; liveHeapMb: number; heapBeforeMb: number; heapAfterMb: number; replayedMs: number; wallMs: number }

/** The first path where two JSON values differ, whatever their keys' order (jsonb reorders them); null when equal. */
function firstDifference(a: unknown, b: unknown, path = 'state'): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(recordA), ...Object.keys(recordB)].filter((key) => recordA[key] !== undefined || recordB[key] !== undefined));
  for (const key of keys) {
    const found = firstDifference(recordA[key], recordB[key], `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
