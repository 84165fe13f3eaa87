import type { AuditExportQuery, AuditListQuery, User } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { listAuditPage, type AuditFilter, type EventRow } from '../../repositories/audit.repository.js';

type FilterQuery = Omit<AuditListQuery, 'limit' | 'before' | 'after'> | AuditExportQuery;

/** What the audit log shows an admin for a query: every filter given, the commands of the admin's sites. */
export function auditFilter(query: FilterQuery, reader: User): Omit<AuditFilter, 'limit'> {
  return {
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
    actor: query.actor,
    kinds: query.kind,
    text: query.q,
    siteIds: reader.siteIds,
  };
}

/** One page, newest first, and the cursors beside it (as the alarm history's: `nextCursor` older, `prevCursor` newer). */
export async function auditPage(db: Executor, query: AuditListQuery, reader: User): Promise<{ rows: EventRow[]; nextCursor: string | null; prevCursor: string | null }> {
  const before = query.before === undefined ? undefined : Number(query.before);
  const after = query.after === undefined ? undefined : Number(query.after);
  const { rows, more } = await listAuditPage(db, { ...auditFilter(query, reader), limit: query.limit, before, after });
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    nextCursor: last && (more || after !== undefined) ? String(last.seq) : null,
    prevCursor: first ? String(first.seq) : (query.before ?? query.after ?? null),
  };
}

const EXPORT_BATCH = 1_000;

/** Every entry of a query, newest first, in keyset batches (the first fixes the newest), at most `max`. */
export async function* auditToExport(db: Executor, query: AuditExportQuery, reader: User, max: number): AsyncGenerator<EventRow[], { cut: boolean }> {
  const filter = auditFilter(query, reader);
  let before: number | undefined;
  let left = max;
  for (;;) {
    const { rows, more } = await listAuditPage(db, { ...filter, limit: Math.min(EXPORT_BATCH, left), before });
    if (rows.length > 0) yield rows;
    left -= rows.length;
    const last = rows.at(-1);
    if (!more || !last) return { cut: false };
    if (left === 0) return { cut: true };
    before = last.seq;
  }
}
