import { ErrorDetails, ErrorTypes, Events, type ErrorData } from 'hls.js';
import type Hls from 'hls.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay, PlayerController, type PlayerEnvironment, type StreamState } from './playerController';

type Listener = (event: string, data: unknown) => void;

/** Just what the controller uses of hls.js, with a hand on what it reports. */
class FakeHls {
  static made: FakeHls[] = [];
  listeners = new Map<string, Set<Listener>>();
  source: string | null = null;
  media: FakeMedia | null = null;
  destroyed = false;
  recoveries = 0;
  latency = 0;
  targetLatency: number | null = 3;
  liveSyncPosition: number | null = null;

  constructor() {
    FakeHls.made.push(this);
  }
  on(event: string, listener: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
  }
  off(event: string, listener: Listener) {
    this.listeners.get(event)?.delete(listener);
  }
  emit(event: string, data: unknown) {
    for (const listener of this.listeners.get(event) ?? []) listener(event, data);
  }
  loadSource(url: string) {
    this.source = url;
  }
  attachMedia(media: FakeMedia) {
    this.media = media;
    media.src = 'blob:media-source';
  }
  recoverMediaError() {
    this.recoveries += 1;
  }
  destroy() {
    this.destroyed = true;
    this.listeners.clear();
  }
  fatal(type: ErrorTypes, details: ErrorDetails, code?: number) {
    const data: Partial<ErrorData> = { type, details, fatal: true, ...(code === undefined ? {} : { response: { url: '', code } }) };
    this.emit(Events.ERROR, data);
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

/**
 * A video element: the playhead moves only when the test plays it (`advance`, with a
 * `timeupdate`). Assigning `currentTime` is a seek, as in a browser: `seeking` at once, then
 * `timeupdate` and `seeked`.
 */
class FakeMedia {
  private position = 0;
  seeking = false;
  listeners = new Map<string, Set<() => void>>();
  playbackRate = 1;
  muted = false;
  src: string | null = null;
  loads = 0;
  ahead = 0;
  get buffered() {
    const start = this.currentTime;
    const end = this.currentTime + this.ahead;
    return { length: this.ahead > 0 ? 1 : 0, start: () => start, end: () => end };
  }
  get currentTime() {
    return this.position;
  }
  set currentTime(value: number) {
    this.position = value;
    this.seeking = true;
    this.fire('seeking');
    queueMicrotask(() => {
      this.seeking = false;
      this.fire('timeupdate');
      this.fire('seeked');
    });
  }
  advance(seconds: number) {
    this.position += seconds;
    this.fire('timeupdate');
  }
  addEventListener(type: string, listener: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void) {
    this.listeners.get(type)?.delete(listener);
  }
  fire(type: string) {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  listenerCount() {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
  play() {
    return Promise.resolve();
  }
  removeAttribute(name: string) {
    if (name === 'src') this.src = null;
  }
  load() {
    this.loads += 1;
  }
}

let media: FakeMedia;
let states: StreamState[];
let alive: Set<FakeHls>;
let player: PlayerController | null;

function start(random = 0.5): PlayerController {
  const env: PlayerEnvironment = {
    createHls: () => new FakeHls() as unknown as Hls,
    config: {},
    now: () => Date.now(),
    random: () => random,
    onHlsCreated: (hls) => alive.add(hls as unknown as FakeHls),
    onHlsDestroyed: (hls) => alive.delete(hls as unknown as FakeHls),
  };
  player = new PlayerController(media as unknown as HTMLVideoElement, '/api/v1/cameras/cam/sub/index.m3u8', env, (state) => states.push(state));
  return player;
}

const current = () => FakeHls.made[FakeHls.made.length - 1]!;

/** Plays for `seconds`: the playhead follows the clock, with a `timeupdate` every 250 ms as in Chrome. */
async function play(seconds: number) {
  for (let step = 0; step < seconds * 4; step++) {
    media.advance(0.25);
    await vi.advanceTimersByTimeAsync(250);
  }
}
const wait = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  FakeHls.made = [];
  media = new FakeMedia();
  states = [];
  alive = new Set();
  player = null;
});
afterEach(() => {
  player?.destroy();
  vi.useRealTimers();
});

describe('the player controller', () => {
  it('loads the source before attaching the muted video, and goes live when the picture moves', async () => {
    const controller = start();
    expect(current().source).toBe('/api/v1/cameras/cam/sub/index.m3u8');
    expect(current().media).toBe(media);
    expect(media.muted).toBe(true);
    expect(controller.getState()).toBe('connecting');
    await wait(3_000);
    expect(controller.getState()).toBe('connecting');
    await play(2);
    expect(controller.getState()).toBe('live');
  });

  it('does not take the seek to the live edge for playback', async () => {
    const controller = start();
    media.currentTime = 120;
    await wait(1_000);
    expect(controller.getState()).toBe('connecting');
    await play(1);
    expect(controller.getState()).toBe('live');
  });

  it('says stalled when the picture stops, jumps to live, and rebuilds when that does not help', async () => {
    const controller = start();
    await play(3);
    const first = current();
    first.liveSyncPosition = 40;
    await wait(2_000);
    expect(controller.getState()).toBe('stalled');
    await wait(4_000);
    expect(media.currentTime).toBe(40);
    expect(first.destroyed).toBe(false);
    await wait(6_000);
    expect(first.destroyed).toBe(true);
    expect(media.src).toBeNull();
    expect(media.loads).toBe(1);
    expect(controller.getState()).toBe('reconnecting');
    expect(alive.size).toBe(0);
    await wait(2_000);
    expect(FakeHls.made).toHaveLength(2);
    expect(alive.size).toBe(1);
    await play(2);
    expect(states).toEqual(['live', 'stalled', 'reconnecting', 'live']);
  });

  it('comes back from a stall on its own without a rebuild, live on the first frame that moves', async () => {
    const controller = start();
    await play(2);
    await wait(3_000);
    expect(controller.getState()).toBe('stalled');
    media.advance(0.25);
    expect(controller.getState()).toBe('live');
    expect(FakeHls.made).toHaveLength(1);
    expect(states).toEqual(['live', 'stalled', 'live']);
  });

  it('keeps saying live while the picture moves, whatever stalls hls.js reports', async () => {
    const controller = start();
    await play(2);
    for (let report = 0; report < 10; report++) {
      current().emit(Events.ERROR, { type: ErrorTypes.MEDIA_ERROR, details: ErrorDetails.BUFFER_STALLED_ERROR, fatal: false });
      await play(0.5);
      expect(controller.getState()).toBe('live');
    }
    expect(states).toEqual(['live']);
  });

  it('says live on the first frames after the start seek, not a watchdog sample later', async () => {
    const controller = start();
    await wait(300);
    media.currentTime = 120; // hls.js's start position at the live edge
    await wait(100);
    expect(controller.getState()).toBe('connecting');
    media.advance(0.25);
    expect(controller.getState()).toBe('live');
  });

  it('does not take hls.js nudging a frozen picture for playback', async () => {
    const controller = start();
    await play(2);
    for (let nudge = 0; nudge < 4; nudge++) {
      media.currentTime += 0.1; // GapController's nudge: a seek, not a frame
      await wait(1_000);
    }
    expect(controller.getState()).toBe('stalled');
    expect(states).toEqual(['live', 'stalled']);
  });

  it('recovers a fatal media error at most once every 5 s, and rebuilds on the second within that', async () => {
    start();
    await play(2);
    const hls = current();
    hls.fatal(ErrorTypes.MEDIA_ERROR, ErrorDetails.BUFFER_APPEND_ERROR);
    expect(hls.recoveries).toBe(1);
    await play(5);
    hls.fatal(ErrorTypes.MEDIA_ERROR, ErrorDetails.BUFFER_APPEND_ERROR);
    expect(hls.recoveries).toBe(2);
    await play(1);
    hls.fatal(ErrorTypes.MEDIA_ERROR, ErrorDetails.BUFFER_APPEND_ERROR);
    expect(hls.recoveries).toBe(2);
    expect(hls.destroyed).toBe(true);
  });

  it('calls a camera with no playlist (404) offline at once, retries it, and plays when it is back', async () => {
    const controller = start();
    current().fatal(ErrorTypes.NETWORK_ERROR, ErrorDetails.MANIFEST_LOAD_ERROR, 404);
    expect(controller.getState()).toBe('offline');
    expect(alive.size).toBe(0);
    await wait(2_000);
    expect(FakeHls.made).toHaveLength(2);
    current().fatal(ErrorTypes.NETWORK_ERROR, ErrorDetails.MANIFEST_LOAD_ERROR, 404);
    await wait(4_000);
    expect(FakeHls.made).toHaveLength(3);
    expect(controller.getState()).toBe('offline');
    await play(2);
    expect(controller.getState()).toBe('live');
    expect(states).toEqual(['offline', 'live']);
  });

  it('reconnects on backoff after other fatal errors, then says offline after 15 s without a picture', async () => {
    const controller = start();
    await play(2);
    const delays: number[] = [];
    let last = Date.now();
    for (let failure = 0; failure < 5; failure++) {
      current().fatal(ErrorTypes.NETWORK_ERROR, ErrorDetails.LEVEL_LOAD_ERROR, 502);
      const made = FakeHls.made.length;
      last = Date.now();
      while (FakeHls.made.length === made) await wait(100);
      delays.push(Date.now() - last);
      if (failure === 0) expect(controller.getState()).toBe('reconnecting');
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 16_000, 30_000]);
    expect(controller.getState()).toBe('offline');
    expect(states).toEqual(['live', 'reconnecting', 'offline']);
    await play(2);
    expect(controller.getState()).toBe('live');
  });

  it('jumps to live when far behind, and plays a little faster when slightly behind', async () => {
    start();
    await play(2);
    const hls = current();
    hls.targetLatency = 3;
    hls.liveSyncPosition = 100;
    hls.latency = 5;
    media.ahead = 3;
    await play(1);
    expect(media.playbackRate).toBe(1.5);
    hls.latency = 3.2;
    await play(1);
    expect(media.playbackRate).toBe(1);
    hls.latency = 10;
    await play(1);
    expect(media.currentTime).toBe(100);
  });

  it('starts over when a start shows nothing for 15 s', async () => {
    const controller = start();
    await wait(15_000);
    expect(FakeHls.made[0]!.destroyed).toBe(true);
    expect(controller.getState()).toBe('reconnecting');
  });

  it('leaves nothing behind when destroyed: no hls.js, no source, no listener, no timer', async () => {
    const controller = start();
    await play(2);
    const hls = current();
    controller.destroy();
    expect(hls.destroyed).toBe(true);
    expect(hls.listenerCount()).toBe(0);
    expect(media.listenerCount()).toBe(0);
    expect(media.src).toBeNull();
    expect(alive.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    await wait(60_000);
    expect(FakeHls.made).toHaveLength(1);
  });

  it('cancels a pending rebuild when destroyed', async () => {
    const controller = start();
    current().fatal(ErrorTypes.NETWORK_ERROR, ErrorDetails.MANIFEST_LOAD_ERROR, 404);
    controller.destroy();
    await wait(60_000);
    expect(FakeHls.made).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('doubles from 2 s to 30 s, jittered within ±20% and never outside 2–30 s', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 0.5))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(0, 0)).toBe(2_000);
    expect(backoffDelay(0, 1)).toBe(2_400);
    expect(backoffDelay(2, 0)).toBe(6_400);
    expect(backoffDelay(9, 0)).toBe(24_000);
    expect(backoffDelay(9, 1)).toBe(30_000);
  });
});
