/**
 * The demo cameras' live HLS: a short pre-encoded loop of equal segments, played as if a camera
 * had been streaming since 1970. Segment n (counted from the epoch) covers [n·d, (n+1)·d) of
 * wall-clock time and is file n mod N of the loop, its timestamps moved on by whole loops
 * (`demoSegment`), so the media timeline runs on without a break and the playlist needs no
 * `#EXT-X-DISCONTINUITY` where the loop wraps.
 *
 * Why not discontinuities: counted from the epoch, the discontinuity sequence would be in the
 * hundreds of millions, and hls.js 1.7 in Chromium then stalls for seconds on every playlist
 * reload (measured: ~2·10⁸ → 4 s a reload and no playback; ~4·10⁶ → lagging; ~10⁵ → smooth).
 * Counted from anything later, nodes and restarts would disagree. Continuous timestamps are
 * also what a real camera sends.
 */

export interface DemoLoop {
  /** File names, relative to the variant's directory. */
  init: string;
  segments: readonly string[];
  /** Every segment lasts this long (the script encodes GOP = fps and 1 s segments). */
  segmentSeconds: number;
}

export const DEMO_WINDOW_SEGMENTS = 5;

/** A live segment's name: its sequence number. */
export function demoSegmentName(n: number): string {
  return `${n}.m4s`;
}

/** The sequence number a live segment name stands for, or null. */
export function demoSegmentNumber(name: string): number | null {
  const match = /^(\d{1,15})\.m4s$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** Which file of the loop segment n plays, and by how many ticks its timestamps move on. */
export function demoSegment(loop: DemoLoop, n: number, timescale: number): { file: string; shiftTicks: bigint } {
  const count = loop.segments.length;
  const loopTicks = BigInt(Math.round(count * loop.segmentSeconds * timescale));
  return { file: loop.segments[n % count]!, shiftTicks: BigInt(Math.floor(n / count)) * loopTicks };
}

/**
 * The live media playlist at `now`; `prefix` goes before every URI (`main/`).
 * `#EXT-X-MEDIA-SEQUENCE` is the first listed segment's n, floor(now/d) − window, so the newest
 * listed segment is the one that ended last, as a real encoder's would be; no `#EXT-X-ENDLIST`;
 * `#EXT-X-PROGRAM-DATE-TIME` on each segment is its wall-clock start.
 */
export function demoLivePlaylist(loop: DemoLoop, now: Date, prefix = '', windowSize = DEMO_WINDOW_SEGMENTS): string {
  const segmentMs = loop.segmentSeconds * 1000;
  const newest = Math.max(windowSize - 1, Math.floor(now.getTime() / segmentMs) - 1);
  const first = newest - windowSize + 1;
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.ceil(loop.segmentSeconds)}`,
    `#EXT-X-MEDIA-SEQUENCE:${first}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
    `#EXT-X-MAP:URI="${prefix}${loop.init}"`,
  ];
  for (let n = first; n <= newest; n += 1) {
    lines.push(
      `#EXT-X-PROGRAM-DATE-TIME:${new Date(n * segmentMs).toISOString()}`,
      `#EXTINF:${loop.segmentSeconds.toFixed(3)},`,
      `${prefix}${demoSegmentName(n)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Reads the loop's manifest: the VOD playlist ffmpeg wrote next to the segments. */
export function parseLoopManifest(text: string): DemoLoop | { error: string } {
  const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(text)?.[1];
  if (!init) return { error: 'no #EXT-X-MAP (the loop must be fMP4)' };
  const durations: number[] = [];
  const segments: string[] = [];
  for (const line of text.split(/\r?\n/).map((l) => l.trim())) {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (extinf) durations.push(Number(extinf[1]));
    else if (line !== '' && !line.startsWith('#')) segments.push(line);
  }
  const segmentSeconds = durations[0];
  if (segments.length === 0 || segmentSeconds === undefined || durations.length !== segments.length) return { error: 'no segments' };
  if (durations.some((d) => Math.abs(d - segmentSeconds) > 0.001)) return { error: 'segments must all last the same' };
  if ([init, ...segments].some((name) => !/^[\w.-]+$/.test(name))) return { error: 'file names must be plain names in the same directory' };
  return { init, segments, segmentSeconds };
}
