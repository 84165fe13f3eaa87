import { ALARM_KINDS, DISPOSITIONS, type AlarmKind, type AlarmState, type Disposition, type ExportLanguage } from '@vigil/shared';

/** What the history screen searches by, as its form holds it (times as `datetime-local` values, in the browser's zone). */
export interface HistoryFilters {
  from: string;
  to: string;
  kinds: AlarmKind[];
  siteId: string;
  zoneId: string;
  deviceId: string;
  state: AlarmState | 'open' | '';
  dispositions: Disposition[];
  q: string;
}

export const emptyFilters = (): HistoryFilters => ({ from: '', to: '', kinds: [], siteId: '', zoneId: '', deviceId: '', state: '', dispositions: [], q: '' });

/** Where a page starts: the newest (none), older than a cursor, or newer than one. */
export type PageCursor = { before: string } | { after: string } | null;

export const PAGE_SIZE = 50;

/** A `datetime-local` value (local wall time) as an ISO instant; '' or an unreadable one as undefined. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An ISO instant as a `datetime-local` value in the browser's zone (minutes). */
export function isoToLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The filters as the server's query parameters: only those set, lists comma-separated, the text trimmed. */
export function filterParams(filters: HistoryFilters): URLSearchParams {
  const params = new URLSearchParams();
  const from = localToIso(filters.from);
  const to = localToIso(filters.to);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (filters.kinds.length > 0) params.set('kind', filters.kinds.join(','));
  if (filters.siteId) params.set('siteId', filters.siteId);
  if (filters.zoneId) params.set('zoneId', filters.zoneId);
  if (filters.deviceId) params.set('deviceId', filters.deviceId);
  if (filters.state) params.set('state', filters.state);
  if (filters.dispositions.length > 0) params.set('disposition', filters.dispositions.join(','));
  const q = filters.q.trim();
  if (q) params.set('q', q);
  return params;
}

/** `GET /api/v1/alarms?…`: one page of the filters from a cursor. */
export function pagePath(filters: HistoryFilters, cursor: PageCursor, limit = PAGE_SIZE): string {
  const params = filterParams(filters);
  params.set('limit', String(limit));
  if (cursor && 'before' in cursor) params.set('before', cursor.before);
  if (cursor && 'after' in cursor) params.set('after', cursor.after);
  return `/api/v1/alarms?${params.toString()}`;
}

/** The CSV of the same filters, its header in the screen's language and its times in the screen's zone. */
export function exportPath(filters: HistoryFilters, language: string, timeZone: string | undefined): string {
  const params = filterParams(filters);
  const lang: ExportLanguage = language.startsWith('zh') ? 'zh-CN' : 'en';
  params.set('lang', lang);
  if (timeZone) params.set('tz', timeZone);
  return `/api/v1/alarms/export.csv?${params.toString()}`;
}

const listOf = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((item): item is T => (allowed as readonly string[]).includes(item));

/** The filters kept in the screen's address (`?kind=fire&from=…`), so a search can be reloaded or shared. */
export function filtersFromSearch(search: URLSearchParams): HistoryFilters {
  const from = search.get('from');
  const to = search.get('to');
  const state = search.get('state') ?? '';
  return {
    from: from ? isoToLocal(from) : '',
    to: to ? isoToLocal(to) : '',
    kinds: listOf(search.get('kind'), ALARM_KINDS),
    siteId: search.get('siteId') ?? '',
    zoneId: search.get('zoneId') ?? '',
    deviceId: search.get('deviceId') ?? '',
    state: (['new', 'acknowledged', 'on_hold', 'resolved', 'open'] as const).find((value) => value === state) ?? '',
    dispositions: listOf(search.get('disposition'), DISPOSITIONS),
    q: search.get('q') ?? '',
  };
}
