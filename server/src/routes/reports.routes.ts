import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ReportExportQuery, ReportQuery, type SiteReport } from '@vigil/shared';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { reportCsv, reportXlsx } from '../presenters/report-export.presenter.js';
import { siteReport } from '../services/reports/site-report.js';
import { readScopeOf } from '../services/scope.js';

const fileName = (report: SiteReport, extension: string) => `vigil-report-${report.siteId}-${report.period}-${report.from.slice(0, 10)}.${extension}`.replace(/[^\w.-]/g, '_');

function download(reply: FastifyReply, type: string, name: string, body: string | Buffer) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(body);
}

/** Site reports and KPIs (数据分析与报告): the figures of a day, week, month or quarter, and their tables as CSV and XLSX. */
export const reportsRoutes: FastifyPluginAsync = async (app) => {
  const read = { preHandler: requirePermission('reports.read') };

  app.get('/api/v1/reports', read, async (request) => {
    const query = parseOrThrow(ReportQuery, request.query);
    return { report: await siteReport(app.deps.db, query, await readScopeOf(app.deps.db, currentUser(request))) };
  });

  app.get('/api/v1/reports/export.csv', read, async (request, reply) => {
    const { lang, ...query } = parseOrThrow(ReportExportQuery, request.query);
    const report = await siteReport(app.deps.db, query, await readScopeOf(app.deps.db, currentUser(request)));
    return download(reply, 'text/csv; charset=utf-8', fileName(report, 'csv'), reportCsv(report, lang));
  });

  app.get('/api/v1/reports/export.xlsx', read, async (request, reply) => {
    const { lang, ...query } = parseOrThrow(ReportExportQuery, request.query);
    const report = await siteReport(app.deps.db, query, await readScopeOf(app.deps.db, currentUser(request)));
    return download(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(report, 'xlsx'), await reportXlsx(report, lang));
  });
};
