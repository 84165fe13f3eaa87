import { pause, play, replayClock, seek, setSpeed, type LiveState, type ReplayClockState } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import type { GuardTrack } from '../guards/guardTracks';
import { fakeServer, fix, FROM, iso, raised } from './replayFake.testing';
import { ReplaySource } from './replaySource';

/** A source on a fake wall clock; `shown` is the state the screen would show, `tracks` the guards. */
function replayOn(server: ReturnType<typeof fakeServer>, options: { aheadMs?: number; eventsLimit?: number } = {}) {
  let wall = 1_000_000;
  let clock: ReplayClockState = replayClock({ from: FROM, to: FROM + 3_600_000 }, wall);
  const view = { shown: null as LiveState | null, tracks: new Map<string, GuardTrack>() };
  const source = new ReplaySource({
    api: server.api,
    clock: () => clock,
    siteId: () => 'demo',
    wallNow: () => wall,
    onState: (state) => (view.shown = state),
    onTracks: (tracks) => (view.tracks = tracks),
    ...options,
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    source,
    view,
    settle,
    alarms: () => [...(view.shown?.alarms.keys() ?? [])].sort(),
    setClock: (change: (clock: ReplayClockState, wall: number) => ReplayClockState) => (clock = change(clock, wall)),
    /** What the replay bar does: the clock moves to the moment, and the source fetches it. */
    seekTo(at: number) {
      clock = seek(clock, at, wall);
      return source.seek(at);
    },
    /** Moves the wall clock on and lets the source see it, as an animation frame does. */
    async wallPasses(ms: number) {
      wall += ms;
      source.advance();
      await settle();
    },
  };
}

const LOG = [raised(1, 30), raised(2, 60), raised(3, 60), raised(4, 90), raised(5, 600)];

describe('the replay source', () => {
  it('shows the state at the moment sought, from one state fetch, then fetches the events after it', async () => {
    const server = fakeServer(LOG);
    const replay = replayOn(server);
    replay.setClock((clock, wall) => seek(clock, FROM + 60_000, wall));
    await replay.source.seek(FROM + 60_000);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-2', 'alarm-3']);
    expect(server.asked[0]).toBe(`state ${iso(FROM + 60_000)}`);
    expect(server.asked).toContain(`events after 3 until ${iso(FROM + 60_000 + 5 * 60_000)}`);
  });

  it('applies each event exactly when the playing clock passes its time, not before', async () => {
    const replay = replayOn(fakeServer(LOG));
    replay.setClock((clock, wall) => seek(clock, FROM + 60_000, wall));
    await replay.source.seek(FROM + 60_000);
    await replay.settle();
    replay.setClock(play);
    await replay.wallPasses(29_999);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-2', 'alarm-3']);
    await replay.wallPasses(1);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-2', 'alarm-3', 'alarm-4']);
    expect(replay.view.shown?.seq).toBe(4);
  });

  it('applies nothing while paused, and at 10× ten seconds of the log per second', async () => {
    const replay = replayOn(fakeServer(LOG));
    await replay.source.seek(FROM);
    await replay.settle();
    await replay.wallPasses(60_000);
    expect(replay.alarms()).toEqual([]);
    replay.setClock(play);
    replay.setClock((clock, wall) => setSpeed(clock, 10, wall));
    await replay.wallPasses(2_999);
    expect(replay.alarms()).toEqual([]);
    await replay.wallPasses(1);
    expect(replay.alarms()).toEqual(['alarm-1']);
    await replay.wallPasses(6_000);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-2', 'alarm-3', 'alarm-4']);
    replay.setClock(pause);
    await replay.wallPasses(600_000);
    expect(replay.alarms()).toHaveLength(4);
  });

  it('fetches the next events as the clock nears the end of what it holds, page by page', async () => {
    const server = fakeServer(LOG);
    const replay = replayOn(server, { aheadMs: 120_000, eventsLimit: 2 });
    await replay.source.seek(FROM);
    await replay.settle();
    // Two events to 60 s: half the two minutes ahead, enough for now.
    expect(server.asked.filter((asked) => asked.startsWith('events'))).toEqual([`events after 0 until ${iso(FROM + 120_000)}`]);
    replay.setClock(play);
    await replay.wallPasses(1_000);
    expect(server.asked.filter((asked) => asked.startsWith('events')).at(-1)).toBe(`events after 2 until ${iso(FROM + 121_000)}`);
    replay.setClock((clock, wall) => setSpeed(clock, 60, wall));
    for (let second = 0; second < 10; second += 1) await replay.wallPasses(1_000);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-2', 'alarm-3', 'alarm-4', 'alarm-5']);
    // Each page went on from the last seq the one before brought.
    const afters = server.asked.filter((asked) => asked.startsWith('events')).map((asked) => Number(asked.split(' ')[2]));
    expect(afters.slice(0, 3)).toEqual([0, 2, 4]);
  });

  it('goes on after the last seq the server read, when a scoped viewer may not see some events', async () => {
    const server = fakeServer(LOG);
    // This viewer sees alarms 1 and 5 only; the server still reads through the others.
    const visible = new Set([1, 5]);
    const events = server.api.events;
    server.api.events = async (afterSeq, untilAt, limit) => {
      const page = await events(afterSeq, untilAt, limit);
      return { ...page, events: page.events.filter((event) => visible.has(event.seq)) };
    };
    const replay = replayOn(server, { eventsLimit: 2 });
    await replay.source.seek(FROM);
    replay.setClock(play);
    replay.setClock((clock, wall) => setSpeed(clock, 60, wall));
    for (let second = 0; second < 12; second += 1) await replay.wallPasses(1_000);
    expect(replay.alarms()).toEqual(['alarm-1', 'alarm-5']);
    const afters = server.asked.filter((asked) => asked.startsWith('events')).map((asked) => Number(asked.split(' ')[2]));
    expect(afters.slice(0, 3)).toEqual([0, 2, 4]);
  });

  it('asks for fixes in windows of at most ten minutes, and goes on where a cut answer stopped', async () => {
    const fixes = [fix('g1', 0, 0), fix('g2', 0, 10), fix('g1', 10, 100)];
    const server = fakeServer([], fixes);
    const positions = server.api.positions;
    const windows: [string, string, string | undefined][] = [];
    server.api.positions = async (siteId, from, to, afterGuardId) => {
      windows.push([from, to, afterGuardId]);
      const page = await positions(siteId, from, to);
      // The first answer is cut after g1's fix at 0 s.
      if (windows.length === 1) return { siteId, fixes: page.fixes.slice(0, 1), next: { from: page.fixes[0]!.at, afterGuardId: 'g1' } };
      return { siteId, fixes: page.fixes.filter((f) => !(f.at === iso(FROM) && f.guardId === 'g1')), next: null };
    };
    const replay = replayOn(server, { aheadMs: 60 * 60_000 });
    await replay.source.seek(FROM);
    await replay.settle();
    await replay.settle();
    expect(windows[1]).toEqual([iso(FROM), windows[1]![1], 'g1']);
    for (const [from, to] of windows) expect(Date.parse(to) - Date.parse(from)).toBeLessThanOrEqual(10 * 60_000);
    expect([...replay.view.tracks.keys()].sort()).toEqual(['g1', 'g2']);
  });

  it('a seek fetches the state again, backwards too, and drops an earlier seek that answers late', async () => {
    const server = fakeServer(LOG);
    const replay = replayOn(server);
    await replay.seekTo(FROM + 600_000);
    expect(replay.alarms()).toHaveLength(5);
    server.hold();
    const slow = replay.seekTo(FROM + 90_000);
    server.release();
    server.hold();
    const late = replay.seekTo(FROM + 30_000);
    // The first of the two answers now; it was overtaken, so the screen waits for the second.
    await slow;
    expect(replay.view.shown?.seq).toBe(5);
    server.release();
    await late;
    expect(replay.alarms()).toEqual(['alarm-1']);
    expect(server.asked.filter((asked) => asked.startsWith('state'))).toHaveLength(3);
  });

  it('walks guards smoothly between their fixes by the replay clock, and not across a floor change', async () => {
    const fixes = [fix('g1', 0, 0), fix('g1', 10, 100), fix('g1', 20, 100, 1), fix('g2', 5, 50)];
    const replay = replayOn(fakeServer([], fixes));
    await replay.source.seek(FROM);
    await replay.settle();
    expect(replay.view.tracks.get('g1')?.fix.position).toEqual([0, 0]);
    expect(replay.view.tracks.has('g2')).toBe(false);
    replay.setClock(play);
    await replay.wallPasses(2_500);
    expect(replay.view.tracks.get('g1')?.fix.position).toEqual([25, 0]);
    // The fix keeps the time of the last real one: how old it is shows as it was.
    expect(replay.view.tracks.get('g1')?.fix.at).toBe(iso(FROM));
    await replay.wallPasses(5_000);
    expect(replay.view.tracks.get('g1')?.fix.position).toEqual([75, 0]);
    expect(replay.view.tracks.get('g2')?.fix.position).toEqual([50, 0]);
    await replay.wallPasses(5_000);
    expect(replay.view.tracks.get('g1')?.fix).toMatchObject({ position: [100, 0], floor: 0 });
    await replay.wallPasses(7_500);
    expect(replay.view.tracks.get('g1')?.fix).toMatchObject({ position: [100, 0], floor: 1 });
    expect(replay.view.tracks.get('g1')?.trail.map((point) => point.position[0])).toEqual([0, 100, 100]);
  });

  it('seeks by itself when the clock goes back (playing again from the start after the end)', async () => {
    const server = fakeServer(LOG);
    const replay = replayOn(server);
    replay.setClock((clock, wall) => seek(clock, FROM + 3_600_000, wall));
    await replay.source.seek(FROM + 3_600_000);
    expect(replay.alarms()).toHaveLength(5);
    replay.setClock(play);
    await replay.wallPasses(0);
    await replay.settle();
    expect(replay.alarms()).toEqual([]);
    expect(server.asked.filter((asked) => asked.startsWith('state')).at(-1)).toBe(`state ${iso(FROM)}`);
    await replay.wallPasses(30_000);
    expect(replay.alarms()).toEqual(['alarm-1']);
  });

  it('holds only the fixes the trail still draws as it plays on', async () => {
    // One guard, a fix every 5 s for an hour.
    const fixes = Array.from({ length: 720 }, (_, index) => fix('g1', index * 5, index));
    const replay = replayOn(fakeServer([], fixes));
    await replay.source.seek(FROM);
    replay.setClock(play);
    replay.setClock((clock, wall) => setSpeed(clock, 60, wall));
    for (let second = 0; second < 50; second += 1) await replay.wallPasses(1_000);
    // 50 min in: the trail's 5 min and what was fetched ahead, not the 600 fixes passed.
    expect(replay.source.heldFixes).toBeLessThan(200);
    expect(replay.view.tracks.get('g1')?.fix.position[0]).toBe(600);
    expect(replay.view.tracks.get('g1')?.trail[0]?.position[0]).toBeGreaterThanOrEqual(540);
  });

  it('says the seek failed, and a new seek recovers', async () => {
    const server = fakeServer(LOG);
    const loads: string[] = [];
    let fail = true;
    const state = server.api.state;
    server.api.state = (at) => (fail ? Promise.reject(new Error('down')) : state(at));
    let at = FROM;
    const source = new ReplaySource({
      api: server.api,
      clock: () => replayClock({ from: FROM, to: FROM + 3_600_000 }, 0, { at }),
      siteId: () => null,
      onState: () => undefined,
      onTracks: () => undefined,
      onLoad: (load) => loads.push(load.status),
    });
    await source.seek(FROM);
    expect(source.appliedSeq).toBeNull();
    fail = false;
    at = FROM + 60_000;
    await source.seek(at);
    expect(source.appliedSeq).toBe(3);
    expect(loads).toEqual(['loading', 'failed', 'loading', 'ready']);
  });
});
