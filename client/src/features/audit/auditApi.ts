import type { AuditEntry } from '@vigil/shared';
import { requestJson } from '../../lib/http';
import type { PageCursor } from '../alarm-history/historyQuery';
import { auditPagePath, type AuditFilters } from './auditQuery';

export interface AuditPage {
  entries: AuditEntry[];
  /** Older entries (pass as `before`); null at the oldest. */
  nextCursor: string | null;
  /** Newer entries, including ones recorded since (pass as `after`). */
  prevCursor: string | null;
}

export function fetchAuditPage(filters: AuditFilters, cursor: PageCursor): Promise<AuditPage> {
  return requestJson<AuditPage>(auditPagePath(filters, cursor));
}
