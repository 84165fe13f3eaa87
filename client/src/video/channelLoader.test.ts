import { LoaderContextType, type LoaderCallbacks, type LoaderConfiguration, type LoaderContext, type LoaderConfig } from 'hls.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannelLoader, relayPath } from './channelLoader';
import type { ChannelResult, VideoChannel } from './videoChannel';

const ORIGIN = 'http://vigil.test';
const PLAYLIST = `${ORIGIN}/api/v1/cameras/demo-cam-01/sub/index.m3u8`;
const SEGMENT = `${ORIGIN}/api/v1/cameras/demo-cam-01/sub/r/seg-7.m4s`;

/** A channel whose answers the test gives, one per request in order. */
function fakeChannel() {
  const requests: { path: string; timeoutMs: number; range: Parameters<VideoChannel['get']>[2]; answer: (result: ChannelResult) => void }[] = [];
  const channel: VideoChannel = {
    connected: () => true,
    get: (path, timeoutMs, range) => new Promise((resolve) => requests.push({ path, timeoutMs, range, answer: resolve })),
  };
  return { channel, requests };
}

function policy(overrides: Partial<LoaderConfig> = {}): LoaderConfiguration {
  const loadPolicy: LoaderConfig = {
    maxTimeToFirstByteMs: 4_000,
    maxLoadTimeMs: 8_000,
    timeoutRetry: { maxNumRetry: 1, retryDelayMs: 0, maxRetryDelayMs: 0 },
    errorRetry: { maxNumRetry: 2, retryDelayMs: 500, maxRetryDelayMs: 2_000 },
    ...overrides,
  };
  return { loadPolicy, timeout: 0, maxRetry: 0, retryDelay: 0, maxRetryDelay: 0 };
}

function callbacks() {
  return {
    onSuccess: vi.fn(),
    onError: vi.fn(),
    onTimeout: vi.fn(),
    onAbort: vi.fn(),
  } satisfies LoaderCallbacks<LoaderContext>;
}

const context = (url: string, responseType: string, range: { rangeStart?: number; rangeEnd?: number } = {}): LoaderContext => ({
  url,
  responseType,
  type: responseType === 'arraybuffer' ? LoaderContextType.MEDIA_FRAGMENT : LoaderContextType.MANIFEST,
  ...range,
});

const bytes = (...values: number[]) => new Uint8Array(values).buffer;
const flush = () => vi.advanceTimersByTimeAsync(0);

function newLoader(channel: VideoChannel) {
  const Loader = createChannelLoader(channel, () => ORIGIN);
  // hls.js passes its config; the loader needs nothing from it.
  return new Loader({} as ConstructorParameters<typeof Loader>[0]);
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the channel loader', () => {
  it('asks the relay path over the channel and gives a playlist as text', async () => {
    const { channel, requests } = fakeChannel();
    const loader = newLoader(channel);
    const done = callbacks();
    loader.load(context(PLAYLIST, ''), policy(), done);
    expect(requests.map((request) => request.path)).toEqual(['/api/v1/cameras/demo-cam-01/sub/index.m3u8']);

    requests[0]!.answer({ ok: true, status: 200, contentType: 'application/vnd.apple.mpegurl', body: new TextEncoder().encode('#EXTM3U\n').buffer });
    await flush();
    expect(done.onSuccess).toHaveBeenCalledTimes(1);
    const [response, stats] = done.onSuccess.mock.calls[0]!;
    expect(response).toEqual({ url: PLAYLIST, data: '#EXTM3U\n', code: 200 });
    expect(stats.loaded).toBe(8);
    expect(stats.loading.end).toBeGreaterThanOrEqual(stats.loading.start);
    expect(done.onError).not.toHaveBeenCalled();
  });

  it('asks the relay for a byte range (inclusive end) and takes its 206 as is', async () => {
    const { channel, requests } = fakeChannel();
    const whole = callbacks();
    newLoader(channel).load(context(SEGMENT, 'arraybuffer', { rangeStart: 0, rangeEnd: 0 }), policy(), whole);
    const ranged = callbacks();
    newLoader(channel).load(context(SEGMENT, 'arraybuffer', { rangeStart: 1000, rangeEnd: 1003 }), policy(), ranged);
    expect(requests.map((request) => request.range)).toEqual([undefined, { start: 1000, end: 1002 }]);
    requests[0]!.answer({ ok: true, status: 200, contentType: 'video/iso.segment', body: bytes(1, 2, 3, 4) });
    requests[1]!.answer({ ok: true, status: 206, contentType: 'video/iso.segment', body: bytes(7, 8, 9), contentRange: 'bytes 1000-1002/5000' });
    await flush();
    expect(new Uint8Array(whole.onSuccess.mock.calls[0]![0].data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(new Uint8Array(ranged.onSuccess.mock.calls[0]![0].data as ArrayBuffer)).toEqual(new Uint8Array([7, 8, 9]));
  });

  it('cuts the byte range itself from a whole 200 answer', async () => {
    const { channel, requests } = fakeChannel();
    const whole = callbacks();
    newLoader(channel).load(context(SEGMENT, 'arraybuffer', { rangeStart: 0, rangeEnd: 0 }), policy(), whole);
    const ranged = callbacks();
    newLoader(channel).load(context(SEGMENT, 'arraybuffer', { rangeStart: 1, rangeEnd: 3 }), policy(), ranged);
    for (const request of requests) request.answer({ ok: true, status: 200, contentType: 'video/iso.segment', body: bytes(1, 2, 3, 4) });
    await flush();
    expect(new Uint8Array(whole.onSuccess.mock.calls[0]![0].data as ArrayBuffer)).toEqual(new Uint8Array([1, 2, 3, 4]));
    expect(new Uint8Array(ranged.onSuccess.mock.calls[0]![0].data as ArrayBuffer)).toEqual(new Uint8Array([2, 3]));
  });

  it('reports a missing playlist as HTTP 404 at once, without retrying', async () => {
    const { channel, requests } = fakeChannel();
    const done = callbacks();
    newLoader(channel).load(context(PLAYLIST, ''), policy(), done);
    requests[0]!.answer({ ok: false, status: 404, error: 'no such camera' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(requests).toHaveLength(1);
    expect(done.onError).toHaveBeenCalledWith({ code: 404, text: 'no such camera' }, expect.anything(), null, expect.anything());
  });

  it('retries a 5xx with the policy’s delays, then reports it', async () => {
    const { channel, requests } = fakeChannel();
    const done = callbacks();
    newLoader(channel).load(context(PLAYLIST, ''), policy(), done);
    requests[0]!.answer({ ok: false, status: 502, error: 'upstream unreachable' });
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    requests[1]!.answer({ ok: false, status: 502, error: 'upstream unreachable' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(requests).toHaveLength(3);
    requests[2]!.answer({ ok: false, status: 502, error: 'upstream unreachable' });
    await flush();
    expect(done.onError).toHaveBeenCalledTimes(1);
    expect(done.onError.mock.calls[0]![0]).toEqual({ code: 502, text: 'upstream unreachable' });
    expect(done.onError.mock.calls[0]![3].retry).toBe(2);
  });

  it('times out by the policy (the shorter of first-byte and load time), retries, then calls onTimeout', async () => {
    const { channel, requests } = fakeChannel();
    const done = callbacks();
    newLoader(channel).load(context(SEGMENT, 'arraybuffer'), policy(), done);
    expect(requests[0]!.timeoutMs).toBe(4_000);
    // A retry without delay runs on the next tick (fake timers make that 1 ms).
    await vi.advanceTimersByTimeAsync(4_001);
    expect(requests).toHaveLength(2);
    // The first attempt's late answer is not taken for the second's.
    requests[0]!.answer({ ok: true, status: 200, contentType: 'video/iso.segment', body: bytes(9) });
    await vi.advanceTimersByTimeAsync(4_000);
    expect(done.onSuccess).not.toHaveBeenCalled();
    expect(done.onTimeout).toHaveBeenCalledTimes(1);
    expect(done.onError).not.toHaveBeenCalled();
  });

  it('calls nothing back after an abort except onAbort', async () => {
    const { channel, requests } = fakeChannel();
    const done = callbacks();
    const loader = newLoader(channel);
    loader.load(context(SEGMENT, 'arraybuffer'), policy(), done);
    loader.abort();
    expect(done.onAbort).toHaveBeenCalledTimes(1);
    expect(loader.stats.aborted).toBe(true);
    requests[0]!.answer({ ok: true, status: 200, contentType: 'video/iso.segment', body: bytes(1) });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(done.onSuccess).not.toHaveBeenCalled();
    expect(done.onTimeout).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('refuses a URL outside the relay', async () => {
    const { channel, requests } = fakeChannel();
    const done = callbacks();
    newLoader(channel).load(context('https://elsewhere.example/live.m3u8', ''), policy(), done);
    await flush();
    expect(requests).toHaveLength(0);
    expect(done.onError.mock.calls[0]![0].code).toBe(0);
  });
});

describe('relayPath', () => {
  it('keeps the path and query of a same-origin camera URL only', () => {
    expect(relayPath(`${ORIGIN}/api/v1/cameras/a/main/r/x.m4s?_HLS_msn=3`, ORIGIN)).toBe('/api/v1/cameras/a/main/r/x.m4s?_HLS_msn=3');
    expect(relayPath(`${ORIGIN}/api/v1/alarms`, ORIGIN)).toBeNull();
    expect(relayPath('http://other.test/api/v1/cameras/a/main/index.m3u8', ORIGIN)).toBeNull();
  });
});
