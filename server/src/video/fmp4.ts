/**
 * Just enough ISO BMFF (fMP4) to replay the demo loops with continuous timestamps: read the
 * track's timescale from the init segment, and move a media segment later in time by
 * rewriting its `tfdt` (baseMediaDecodeTime). Offsets inside a fragment are relative to its
 * `moof` (default-base-is-moof, as ffmpeg writes), so dropping `sidx` moves nothing else.
 */

interface Box {
  type: string;
  start: number;
  /** Where the payload starts (after size, type and any 64-bit size). */
  body: number;
  end: number;
}

function* boxes(buffer: Buffer, start: number, end: number): Generator<Box> {
  let offset = start;
  while (offset + 8 <= end) {
    let size = buffer.readUInt32BE(offset);
    let body = offset + 8;
    if (size === 1) {
      if (offset + 16 > end) return;
      size = Number(buffer.readBigUInt64BE(offset + 8));
      body = offset + 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < body - offset || offset + size > end) return;
    yield { type: buffer.toString('latin1', offset + 4, offset + 8), start: offset, body, end: offset + size };
    offset += size;
  }
}

function child(buffer: Buffer, parent: { body: number; end: number }, type: string): Box | undefined {
  for (const box of boxes(buffer, parent.body, parent.end)) if (box.type === type) return box;
  return undefined;
}

/** The first track's timescale (ticks per second), from moov/trak/mdia/mdhd. */
export function trackTimescale(init: Buffer): number | null {
  const whole = { body: 0, end: init.length };
  const moov = child(init, whole, 'moov');
  const trak = moov && child(init, moov, 'trak');
  const mdia = trak && child(init, trak, 'mdia');
  const mdhd = mdia && child(init, mdia, 'mdhd');
  if (!mdhd) return null;
  const version = init[mdhd.body];
  const at = mdhd.body + (version === 1 ? 20 : 12);
  return at + 4 <= mdhd.end ? init.readUInt32BE(at) : null;
}

/**
 * A copy of a media segment whose every fragment starts `shift` ticks later, without its
 * `sidx` (optional, and its times would be stale). Null when the segment is not what the
 * demo script writes (a 64-bit `tfdt` in each `traf`).
 */
export function shiftSegmentTime(segment: Buffer, shift: bigint): Buffer | null {
  const kept: Buffer[] = [];
  let fragments = 0;
  for (const box of boxes(segment, 0, segment.length)) {
    if (box.type === 'sidx') continue;
    const copy = Buffer.from(segment.subarray(box.start, box.end));
    if (box.type === 'moof') {
      const local = (offset: number) => offset - box.start;
      for (const traf of boxes(segment, box.body, box.end)) {
        if (traf.type !== 'traf') continue;
        const tfdt = child(segment, traf, 'tfdt');
        if (!tfdt || segment[tfdt.body] !== 1 || tfdt.body + 12 > tfdt.end) return null;
        const at = local(tfdt.body + 4);
        copy.writeBigUInt64BE(copy.readBigUInt64BE(at) + shift, at);
        fragments += 1;
      }
    }
    kept.push(copy);
  }
  return fragments > 0 ? Buffer.concat(kept) : null;
}
