import { describe, expect, it } from 'vitest';
import { auditFiltersFromSearch, auditPagePath, auditParams, emptyAuditFilters } from './auditQuery';

describe('the audit screen query', () => {
  it('sends only the filters set, lists comma-separated, and reads them back from the address', () => {
    const filters = { ...emptyAuditFilters(), actor: ' op-day ', kinds: ['login' as const, 'command' as const], q: 'alarm' };
    const params = auditParams(filters);
    expect(params.toString()).toBe('actor=op-day&kind=login%2Ccommand&q=alarm');
    expect(auditFiltersFromSearch(params)).toEqual({ ...filters, actor: 'op-day' });
    expect(auditPagePath(filters, { before: '42' })).toBe('/api/v1/audit?actor=op-day&kind=login%2Ccommand&q=alarm&limit=50&before=42');
  });

  it('drops kinds it does not know', () => {
    expect(auditFiltersFromSearch(new URLSearchParams('kind=login,everything')).kinds).toEqual(['login']);
  });
});
