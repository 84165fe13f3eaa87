import { describe, expect, it } from 'vitest';
import { demoLivePlaylist, demoSegment, demoSegmentNumber, parseLoopManifest, type DemoLoop } from './demo-playlist.js';

const loop: DemoLoop = { init: 'init.mp4', segments: ['seg-00.m4s', 'seg-01.m4s', 'seg-02.m4s', 'seg-03.m4s', 'seg-04.m4s', 'seg-05.m4s', 'seg-06.m4s', 'seg-07.m4s'], segmentSeconds: 1 };

/** Reads back what a player would: the media sequence and each segment with its date. */
function read(text: string) {
  const lines = text.trim().split('\n');
  const sequence = Number(lines.find((line) => line.startsWith('#EXT-X-MEDIA-SEQUENCE:'))?.split(':')[1]);
  const segments: { uri: string; at: string; duration: string }[] = [];
  let at = '';
  let duration = '';
  for (const line of lines) {
    if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) at = line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length);
    else if (line.startsWith('#EXTINF:')) duration = line.slice('#EXTINF:'.length);
    else if (!line.startsWith('#')) segments.push({ uri: line, at, duration });
  }
  return { sequence, segments, text };
}

describe('the demo live playlist', () => {
  it('lists the five newest complete segments at wall-clock time, live (no ENDLIST)', () => {
    const now = new Date(Date.UTC(2026, 10, 23, 3, 0, 0, 400)); // 03:00:00.4 UTC
    const seconds = Math.floor(now.getTime() / 1000);
    const listed = read(demoLivePlaylist(loop, now, 'main/'));
    expect(listed.text.startsWith('#EXTM3U\n')).toBe(true);
    expect(listed.text).toContain('#EXT-X-TARGETDURATION:1\n');
    expect(listed.text.match(/#EXT-X-MAP:URI="main\/init.mp4"/g)).toHaveLength(1);
    for (const absent of ['ENDLIST', 'PLAYLIST-TYPE', 'DISCONTINUITY']) expect(listed.text).not.toContain(absent);
    expect(listed.sequence).toBe(seconds - 5);
    expect(listed.segments.map((s) => s.uri)).toEqual([5, 4, 3, 2, 1].map((back) => `main/${seconds - back}.m4s`));
    expect(listed.segments.every((s) => s.duration === '1.000,')).toBe(true);
    // Each segment is dated at its wall-clock start; the newest ended at the last whole second.
    expect(listed.segments.map((s) => s.at)).toEqual([5, 4, 3, 2, 1].map((back) => new Date((seconds - back) * 1000).toISOString()));
  });

  it('advances the media sequence by one per segment duration, each number keeping its segment', () => {
    const t0 = Date.UTC(2026, 10, 23, 3, 0, 0);
    const a = read(demoLivePlaylist(loop, new Date(t0 + 999)));
    const b = read(demoLivePlaylist(loop, new Date(t0 + 1000)));
    const c = read(demoLivePlaylist(loop, new Date(t0 + 3500)));
    expect(b.sequence).toBe(a.sequence + 1);
    expect(c.sequence).toBe(a.sequence + 3);
    expect(b.segments[0]).toEqual(a.segments[1]);
    expect(c.segments[0]).toEqual(a.segments[3]);
  });

  it('honours the segment duration and window size', () => {
    const twoSecond: DemoLoop = { ...loop, segmentSeconds: 2 };
    const listed = read(demoLivePlaylist(twoSecond, new Date(100_000), '', 4));
    expect(listed.sequence).toBe(50 - 4);
    expect(listed.text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(listed.segments).toHaveLength(4);
    expect(listed.segments[0]!.duration).toBe('2.000,');
  });
});

describe('live segments', () => {
  it('play file n mod N of the loop, moved on by whole loops so time never jumps back', () => {
    const timescale = 15360;
    const loopTicks = 8n * 15360n;
    const k = 224_518_700;
    expect(demoSegment(loop, 8 * k + 7, timescale)).toEqual({ file: 'seg-07.m4s', shiftTicks: BigInt(k) * loopTicks });
    expect(demoSegment(loop, 8 * k + 8, timescale)).toEqual({ file: 'seg-00.m4s', shiftTicks: BigInt(k + 1) * loopTicks });
    // File i starts at i seconds into the loop: segment n then starts at n seconds.
    for (const n of [0, 7, 8, 8 * k - 1, 8 * k, 8 * k + 3]) {
      const { file, shiftTicks } = demoSegment(loop, n, timescale);
      const fileStart = BigInt(loop.segments.indexOf(file)) * 15360n;
      expect(fileStart + shiftTicks).toBe(BigInt(n) * 15360n);
    }
  });

  it('are named by their number, and nothing else is one', () => {
    expect(demoSegmentNumber('1796150478.m4s')).toBe(1796150478);
    for (const name of ['seg-01.m4s', '-1.m4s', '1.5.m4s', '1e9.m4s', '1.mp4', '../1.m4s', `${'9'.repeat(16)}.m4s`]) expect(demoSegmentNumber(name), name).toBeNull();
  });
});

describe('the loop manifest', () => {
  it('reads the VOD playlist ffmpeg writes', () => {
    const text = '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:1\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1.000000,\nseg-00.m4s\n#EXTINF:1.000000,\nseg-01.m4s\n#EXT-X-ENDLIST\n';
    expect(parseLoopManifest(text)).toEqual({ init: 'init.mp4', segments: ['seg-00.m4s', 'seg-01.m4s'], segmentSeconds: 1 });
  });

  it('refuses loops the clock arithmetic cannot play', () => {
    expect(parseLoopManifest('#EXTM3U\n#EXTINF:1,\na.ts\n')).toEqual({ error: expect.stringContaining('fMP4') });
    expect(parseLoopManifest('#EXTM3U\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:1,\na.m4s\n#EXTINF:1.5,\nb.m4s\n')).toEqual({ error: expect.stringContaining('same') });
    expect(parseLoopManifest('#EXTM3U\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:1,\n../a.m4s\n')).toEqual({ error: expect.stringContaining('plain names') });
  });
});
