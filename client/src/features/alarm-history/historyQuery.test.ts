import { AlarmExportQuery, AlarmListQuery } from '@vigil/shared';
import { describe, expect, it } from 'vitest';
import { emptyFilters, exportPath, filtersFromSearch, isoToLocal, localToIso, pagePath, type HistoryFilters } from './historyQuery';

const query = (path: string) => Object.fromEntries(new URL(path, 'http://vigil.local').searchParams);

describe('the history screen’s queries', () => {
  const filters: HistoryFilters = {
    ...emptyFilters(),
    from: '2026-01-10T08:00',
    to: '2026-01-11T08:00',
    kinds: ['fire', 'smoke'],
    zoneId: 'demo-z-b1',
    state: 'resolved',
    dispositions: ['false'],
    q: '  100% smoke  ',
  };

  it('sends only the filters set, times as instants, lists comma-separated, the text trimmed', () => {
    expect(query(pagePath(emptyFilters(), null))).toEqual({ limit: '50' });
    const sent = query(pagePath(filters, { before: 'CURSOR' }, 20));
    expect(sent).toEqual({
      from: new Date(2026, 0, 10, 8, 0).toISOString(),
      to: new Date(2026, 0, 11, 8, 0).toISOString(),
      kind: 'fire,smoke',
      zoneId: 'demo-z-b1',
      state: 'resolved',
      disposition: 'false',
      q: '100% smoke',
      limit: '20',
      before: 'CURSOR',
    });
    expect(query(pagePath(filters, { after: 'NEWER' }))).toMatchObject({ after: 'NEWER' });
    expect(query(pagePath(filters, { after: 'NEWER' }))).not.toHaveProperty('before');
    // What the screen sends, the server's own schema takes.
    expect(AlarmListQuery.safeParse(query(pagePath(filters, { before: 'CURSOR' }))).success).toBe(true);
  });

  it('exports the same filters with the screen’s language and time zone, no paging', () => {
    const sent = query(exportPath(filters, 'zh-CN', 'Asia/Shanghai'));
    expect(sent).toMatchObject({ kind: 'fire,smoke', q: '100% smoke', lang: 'zh-CN', tz: 'Asia/Shanghai' });
    expect(sent).not.toHaveProperty('limit');
    expect(query(exportPath(emptyFilters(), 'en-GB', undefined))).toEqual({ lang: 'en' });
    expect(AlarmExportQuery.safeParse(sent).success).toBe(true);
  });

  it('reads the filters back from the address, dropping what it does not know', () => {
    const path = pagePath(filters, null);
    const back = filtersFromSearch(new URL(path, 'http://vigil.local').searchParams);
    expect(back).toEqual({ ...filters, q: '100% smoke' });
    expect(filtersFromSearch(new URLSearchParams('kind=fire,ufo&state=closed&disposition=maybe'))).toEqual({ ...emptyFilters(), kinds: ['fire'] });
  });

  it('converts between form times and instants, leaving an empty or unreadable one out', () => {
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('not a time')).toBeUndefined();
    expect(isoToLocal(localToIso('2026-03-05T07:09')!)).toBe('2026-03-05T07:09');
  });
});
