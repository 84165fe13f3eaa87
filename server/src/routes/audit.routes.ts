import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { AuditExportQuery, AuditListQuery } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { CSV_BOM, csvLine } from '../presenters/alarm-csv.presenter.js';
import { auditCsvHeader, auditCsvLine, presentAuditEntry } from '../presenters/audit.presenter.js';
import { auditPage, auditToExport } from '../services/audit/audit-log.js';
import { recordExport } from '../services/audit/record-audit.js';

/** The most entries one CSV export writes. */
export const AUDIT_EXPORT_ROW_LIMIT = 100_000;

/** The audit log (操作日志): admins only; append-only underneath (a trigger refuses UPDATE and DELETE on events). */
export const auditRoutes: FastifyPluginAsync = async (app) => {
  const admin = { preHandler: requirePermission('audit.read') };

  app.get('/api/v1/audit', admin, async (request) => {
    const query = parseOrThrow(AuditListQuery, request.query);
    const { rows, nextCursor, prevCursor } = await auditPage(app.deps.db, query, currentUser(request));
    return { entries: rows.map(presentAuditEntry), nextCursor, prevCursor };
  });

  /** The same filters as CSV, newest first; the export itself is recorded first. */
  app.get('/api/v1/audit/export.csv', admin, async (request, reply) => {
    const query = parseOrThrow(AuditExportQuery, request.query);
    const user = currentUser(request);
    await recordExport(app.deps, user, 'audit.csv', query);
    const batches = auditToExport(app.deps.db, query, user, AUDIT_EXPORT_ROW_LIMIT);
    async function* lines() {
      yield CSV_BOM + auditCsvHeader(query.lang);
      for (;;) {
        const next = await batches.next();
        if (next.done) {
          if (next.value.cut) yield csvLine([`仅导出了最新的 ${AUDIT_EXPORT_ROW_LIMIT} 条记录。 Only the newest ${AUDIT_EXPORT_ROW_LIMIT} entries were exported.`]);
          return;
        }
        yield next.value.map((row) => auditCsvLine(presentAuditEntry(row))).join('');
      }
    }
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="vigil-audit-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
};
