import { describe, expect, it } from 'vitest';
import { demoLivePlaylist, parseLoopManifest, type DemoLoop } from './demo-playlist.js';

const loop: DemoLoop = { init: 'init.mp4', segments: ['seg-00.m4s', 'seg-01.m4s', 'seg-02.m4s', 'seg-03.m4s', 'seg-04.m4s', 'seg-05.m4s', 'seg-06.m4s', 'seg-07.m4s'], segmentSeconds: 1 };

interface Listed {
  sequence: number;
  discontinuitySequence: number;
  segments: { uri: string; discontinuityBefore: boolean; at: string }[];
  text: string;
}

/** Reads back what a player would: the sequence numbers and each segment. */
function read(text: string): Listed {
  const lines = text.trim().split('\n');
  const tag = (name: string) => Number(lines.find((line) => line.startsWith(`#${name}:`))?.split(':')[1]);
  const segments: Listed['segments'] = [];
  let discontinuity = false;
  let at = '';
  for (const line of lines) {
    if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) at = line.slice('#EXT-X-PROGRAM-DATE-TIME:'.length);
    else if (!line.startsWith('#')) {
      segments.push({ uri: line, discontinuityBefore: discontinuity, at });
      discontinuity = false;
    }
  }
  return { sequence: tag('EXT-X-MEDIA-SEQUENCE'), discontinuitySequence: tag('EXT-X-DISCONTINUITY-SEQUENCE'), segments, text };
}

describe('the demo live playlist', () => {
  it('lists the five newest complete segments at wall-clock time, live (no ENDLIST)', () => {
    const now = new Date(Date.UTC(2026, 10, 23, 3, 0, 0, 400)); // 03:00:00.4 UTC
    const seconds = Math.floor(now.getTime() / 1000);
    const listed = read(demoLivePlaylist(loop, now, 'main/'));
    expect(listed.text.startsWith('#EXTM3U\n')).toBe(true);
    expect(listed.text).toContain('#EXT-X-TARGETDURATION:1\n');
    expect(listed.text).toContain('#EXT-X-MAP:URI="main/init.mp4"');
    expect(listed.text).not.toContain('ENDLIST');
    expect(listed.text).not.toContain('PLAYLIST-TYPE');
    expect(listed.sequence).toBe(seconds - 5);
    expect(listed.segments).toHaveLength(5);
    expect(listed.segments.map((s) => s.uri)).toEqual([0, 1, 2, 3, 4].map((i) => `main/${loop.segments[(seconds - 5 + i) % 8]}`));
    // The newest listed segment ended at the last whole second, and each starts at its sequence's second.
    expect(listed.segments.at(-1)!.at).toBe(new Date((seconds - 1) * 1000).toISOString());
  });

  it('advances the media sequence by one per segment duration and keeps the same segment under the same number', () => {
    const t0 = Date.UTC(2026, 10, 23, 3, 0, 0);
    const a = read(demoLivePlaylist(loop, new Date(t0 + 999)));
    const b = read(demoLivePlaylist(loop, new Date(t0 + 1000)));
    const c = read(demoLivePlaylist(loop, new Date(t0 + 3500)));
    expect(b.sequence).toBe(a.sequence + 1);
    expect(c.sequence).toBe(a.sequence + 3);
    expect(b.segments[0]).toEqual(a.segments[1]);
    expect(c.segments[0]).toEqual(a.segments[3]);
  });

  it('marks the wrap of the loop with a discontinuity and the init segment again, and counts discontinuities', () => {
    // The loop wraps at multiples of 8 s: with the newest segment n = 8k + 1, the window is 8k−3 … 8k+1.
    const k = 2_000_000_000 / 8;
    const now = new Date((8 * k + 2) * 1000);
    const listed = read(demoLivePlaylist(loop, now));
    expect(listed.sequence).toBe(8 * k - 3);
    expect(listed.segments.map((s) => s.uri)).toEqual(['seg-05.m4s', 'seg-06.m4s', 'seg-07.m4s', 'seg-00.m4s', 'seg-01.m4s']);
    expect(listed.segments.map((s) => s.discontinuityBefore)).toEqual([false, false, false, true, false]);
    expect(listed.text).toMatch(/#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI="init.mp4"\n/);
    // Segments 8k−3 … 8k−1 are in loop k−1: k−1 discontinuities came before the first listed one.
    expect(listed.discontinuitySequence).toBe(k - 1);

    // One second later the wrap is still inside the window; when it reaches the front, the tag
    // leaves the playlist and the discontinuity sequence goes up by one, as RFC 8216 requires.
    const atFront = read(demoLivePlaylist(loop, new Date((8 * k + 5) * 1000)));
    expect(atFront.sequence).toBe(8 * k);
    expect(atFront.segments[0]!.discontinuityBefore).toBe(false);
    expect(atFront.discontinuitySequence).toBe(k);
    const every = Array.from({ length: 16 }, (_, i) => read(demoLivePlaylist(loop, new Date((8 * k + i) * 1000))));
    for (const listedAt of every) {
      // Each segment's discontinuity number is floor(n / 8), wherever it appears.
      let number = listedAt.discontinuitySequence;
      listedAt.segments.forEach((segment, index) => {
        if (segment.discontinuityBefore) number += 1;
        expect(number).toBe(Math.floor((listedAt.sequence + index) / 8));
      });
    }
  });

  it('honours the segment duration in the clock arithmetic', () => {
    const twoSecond: DemoLoop = { ...loop, segmentSeconds: 2 };
    const listed = read(demoLivePlaylist(twoSecond, new Date(100_000), '', 4));
    expect(listed.sequence).toBe(50 - 4);
    expect(listed.text).toContain('#EXT-X-TARGETDURATION:2\n');
    expect(listed.text).toContain('#EXTINF:2.000,');
    expect(listed.segments).toHaveLength(4);
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
