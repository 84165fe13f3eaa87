import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isReplaying, screenClockMode, screenNow } from '../../lib/screenClock';
import { useAlarmStore } from '../alarms/alarmStore';
import { fakeServer, FROM, iso, raised } from './replayFake.testing';
import { startReplaySession } from './replaySession';
import { useReplayStore } from './replayStore';

const LOG = [raised(1, 30), raised(2, 90)];
const request = { from: FROM, to: FROM + 3_600_000, at: FROM + 60_000 };
const flush = async () => {
  for (let round = 0; round < 5; round += 1) await Promise.resolve();
};
const alarms = () => [...useAlarmStore.getState().live.alarms.keys()].sort();

describe('a replay session on the page', () => {
  let frames: (() => void)[] = [];
  const runFrame = () => {
    const due = frames;
    frames = [];
    for (const frame of due) frame();
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-12-03T10:00:00Z'));
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (frame: () => void) => frames.push(frame));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('sets the screen clock to the replayed moment, fills the live store from the replay, and puts both back when stopped', async () => {
    useAlarmStore.getState().applyEvent(raised(9, 0));
    const server = fakeServer(LOG);
    const session = startReplaySession(server.api, request);
    // The live state is gone at once: nothing of now shows in the past.
    expect(alarms()).toEqual([]);
    expect(isReplaying()).toBe(true);
    expect(screenNow()).toBe(FROM + 60_000);
    await flush();
    expect(alarms()).toEqual(['alarm-1']);
    expect(useReplayStore.getState().load.status).toBe('ready');

    session.stop();
    expect(isReplaying()).toBe(false);
    expect(alarms()).toEqual([]);
  });

  it('plays on animation frames at the chosen speed, and a seek refetches the moment', async () => {
    const server = fakeServer(LOG);
    const session = startReplaySession(server.api, request);
    await flush();
    session.controls.setSpeed(30);
    session.controls.play();
    vi.advanceTimersByTime(999);
    runFrame();
    expect(alarms()).toEqual(['alarm-1']);
    vi.advanceTimersByTime(1);
    runFrame();
    expect(alarms()).toEqual(['alarm-1', 'alarm-2']);
    expect(frames).toHaveLength(1);

    session.controls.pause();
    runFrame();
    // Paused: no frame asked for any more.
    expect(frames).toHaveLength(0);

    session.controls.seek(FROM);
    expect(screenNow()).toBe(FROM);
    await flush();
    expect(alarms()).toEqual([]);
    expect(server.asked.filter((asked) => asked.startsWith('state'))).toEqual([`state ${iso(FROM + 60_000)}`, `state ${iso(FROM)}`]);
    const mode = screenClockMode();
    expect(mode.kind === 'replay' && mode.clock.speed).toBe(30);
    session.stop();
  });
});
