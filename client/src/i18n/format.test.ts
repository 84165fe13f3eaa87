import { describe, expect, it } from 'vitest';
import { formatAgo } from './format';

describe('formatAgo', () => {
  const at = '2026-11-23T03:00:00.000Z';
  const after = (ms: number) => Date.parse(at) + ms;

  it('says how old a fix is the way the wall shows a stale guard', () => {
    expect(formatAgo(at, after(95_000), 'en')).toBe('2 min. ago');
    expect(formatAgo(at, after(95_000), 'zh-CN')).toBe('2分钟前');
    expect(formatAgo(at, after(45_000), 'en')).toBe('45 sec. ago');
    expect(formatAgo(at, after(3 * 3_600_000 + 60_000), 'zh-CN')).toBe('3小时前');
  });

  it('never says a fix is from the future (a phone clock a little ahead)', () => {
    expect(formatAgo(at, after(-2_000), 'en')).toBe('0 sec. ago');
  });
});
