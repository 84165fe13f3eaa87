import { AUDIT_KINDS, type AuditKind, type ExportLanguage } from '@vigil/shared';
import { isoToLocal, localToIso, type PageCursor } from '../alarm-history/historyQuery';

/** What the audit screen searches by, as its form holds it (times as `datetime-local` values). */
export interface AuditFilters {
  from: string;
  to: string;
  actor: string;
  kinds: AuditKind[];
  q: string;
}

export const emptyAuditFilters = (): AuditFilters => ({ from: '', to: '', actor: '', kinds: [], q: '' });

export const AUDIT_PAGE_SIZE = 50;

export function auditParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  const from = localToIso(filters.from);
  const to = localToIso(filters.to);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const actor = filters.actor.trim();
  if (actor) params.set('actor', actor);
  if (filters.kinds.length > 0) params.set('kind', filters.kinds.join(','));
  const q = filters.q.trim();
  if (q) params.set('q', q);
  return params;
}

export function auditPagePath(filters: AuditFilters, cursor: PageCursor, limit = AUDIT_PAGE_SIZE): string {
  const params = auditParams(filters);
  params.set('limit', String(limit));
  if (cursor && 'before' in cursor) params.set('before', cursor.before);
  if (cursor && 'after' in cursor) params.set('after', cursor.after);
  return `/api/v1/audit?${params.toString()}`;
}

export function auditExportPath(filters: AuditFilters, language: string): string {
  const params = auditParams(filters);
  const lang: ExportLanguage = language.startsWith('zh') ? 'zh-CN' : 'en';
  params.set('lang', lang);
  return `/api/v1/audit/export.csv?${params.toString()}`;
}

/** The filters kept in the address, so a search can be reloaded or shared. */
export function auditFiltersFromSearch(search: URLSearchParams): AuditFilters {
  const from = search.get('from');
  const to = search.get('to');
  return {
    from: from ? isoToLocal(from) : '',
    to: to ? isoToLocal(to) : '',
    actor: search.get('actor') ?? '',
    kinds: (search.get('kind') ?? '').split(',').filter((kind): kind is AuditKind => (AUDIT_KINDS as readonly string[]).includes(kind)),
    q: search.get('q') ?? '',
  };
}
