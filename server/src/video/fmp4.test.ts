import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDemoVideoDir } from './demo-source.js';
import { shiftSegmentTime, trackTimescale } from './fmp4.js';

const dir = join(findDemoVideoDir()!, 'demo-cam-03', 'main');
const init = readFileSync(join(dir, 'init.mp4'));
const segment = readFileSync(join(dir, 'seg-02.m4s'));

/** Top-level boxes as [type, size]. */
function topLevel(buffer: Buffer): [string, number][] {
  const out: [string, number][] = [];
  for (let offset = 0; offset < buffer.length; offset += buffer.readUInt32BE(offset)) out.push([buffer.toString('latin1', offset + 4, offset + 8), buffer.readUInt32BE(offset)]);
  return out;
}

function decodeTime(buffer: Buffer): bigint {
  const at = buffer.indexOf('tfdt', 0, 'latin1');
  return buffer.readBigUInt64BE(at + 8);
}

describe('fMP4 retiming (on a committed demo asset)', () => {
  it('reads the track timescale from the init segment', () => {
    expect(trackTimescale(init)).toBe(15360);
    expect(trackTimescale(Buffer.from('not an mp4 at all'))).toBeNull();
  });

  it('moves a segment later by rewriting tfdt, dropping sidx and keeping the media bytes', () => {
    expect(decodeTime(segment)).toBe(2n * 15360n);
    const shift = 224_518_700n * 8n * 15360n;
    const moved = shiftSegmentTime(segment, shift)!;
    expect(decodeTime(moved)).toBe(2n * 15360n + shift);
    expect(topLevel(segment).map(([type]) => type)).toEqual(['styp', 'sidx', 'moof', 'mdat']);
    expect(topLevel(moved).map(([type]) => type)).toEqual(['styp', 'moof', 'mdat']);
    const mdat = (buffer: Buffer) => buffer.subarray(buffer.indexOf('mdat', 0, 'latin1') - 4);
    expect(mdat(moved).equals(mdat(segment))).toBe(true);
    expect(moved.length).toBe(segment.length - topLevel(segment)[1]![1]);
    expect(decodeTime(segment)).toBe(2n * 15360n); // the asset itself is untouched
  });

  it('refuses what is not a fragment', () => {
    expect(shiftSegmentTime(init, 1n)).toBeNull();
    expect(shiftSegmentTime(Buffer.alloc(64), 1n)).toBeNull();
  });
});
