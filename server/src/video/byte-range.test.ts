import { describe, expect, it } from 'vitest';
import { parseContentRange, parseRangeHeader, rangeHeader, sliceRange } from './byte-range.js';

describe('byte ranges', () => {
  it('reads the one range hls.js sends, and ignores what it cannot serve as one', () => {
    expect(parseRangeHeader('bytes=100-199')).toEqual({ start: 100, end: 199 });
    expect(parseRangeHeader('bytes=100-')).toEqual({ start: 100, end: null });
    for (const ignored of [undefined, '', 'bytes=-500', 'bytes=0-1,5-9', 'bytes=9-1', 'items=0-1', 'bytes=a-b']) expect(parseRangeHeader(ignored), ignored).toBeNull();
    expect(rangeHeader({ start: 5, end: null })).toBe('bytes=5-');
  });

  it('reads an upstream Content-Range and refuses one that does not add up', () => {
    expect(parseContentRange('bytes 0-99/1000')).toEqual({ start: 0, end: 99, total: 1000 });
    expect(parseContentRange('bytes 0-99/*')).toEqual({ start: 0, end: 99, total: null });
    for (const bad of [null, 'bytes 0-1000/1000', 'bytes 5-1/9', 'bytes */1000']) expect(parseContentRange(bad), String(bad)).toBeNull();
  });

  it('cuts a range from a whole body, clamped to its end', () => {
    const body = Buffer.from('0123456789');
    expect(sliceRange(body, { start: 2, end: 4 })).toEqual({ bytes: Buffer.from('234'), contentRange: 'bytes 2-4/10' });
    expect(sliceRange(body, { start: 8, end: 50 })).toEqual({ bytes: Buffer.from('89'), contentRange: 'bytes 8-9/10' });
    expect(sliceRange(body, { start: 10, end: null })).toBeNull();
  });
});
