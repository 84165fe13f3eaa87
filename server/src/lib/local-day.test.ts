import { describe, expect, it } from 'vitest';
import { localDay } from './local-day.js';

describe('the control room day an incident is numbered on', () => {
  it('is the local day, not the UTC one', () => {
    // 02:00 on 3 December in Hangzhou is still 2 December in UTC.
    const night = new Date('2026-12-02T18:00:00Z');
    expect(localDay(night, 'Asia/Shanghai')).toBe('20261203');
    expect(localDay(night, 'UTC')).toBe('20261202');
    expect(localDay(new Date('2026-12-02T15:59:59Z'), 'Asia/Shanghai')).toBe('20261202');
  });

  it('follows the process time zone when none is named', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Asia/Shanghai';
      expect(localDay(new Date('2026-12-31T16:30:00Z'))).toBe('20270101');
      process.env.TZ = 'America/New_York';
      expect(localDay(new Date('2026-12-31T16:30:00Z'))).toBe('20261231');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
