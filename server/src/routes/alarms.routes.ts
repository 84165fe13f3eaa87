import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AlarmExportQuery, AlarmIngestBody, AlarmListQuery, AlarmParams } from '@vigil/shared';
import { HttpError, badRequest, parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { CSV_BOM, csvCutNote, csvHeader, csvRowWriter, type ExportNames } from '../presenters/alarm-csv.presenter.js';
import { presentAlarm } from '../presenters/alarm.presenter.js';
import { listSiteRows } from '../repositories/sites.repository.js';
import { alarmHistoryPage, alarmTimeline, alarmsToExport } from '../services/alarms/alarm-history.js';
import { apiKeyFor } from '../services/auth/api-keys.js';
import { raiseAlarm } from '../services/alarms/raise-alarm.js';
import { recordExport } from '../services/audit/record-audit.js';
import { readScopeOf, type ReadScope } from '../services/scope.js';
import type { Executor } from '../db/client.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;
function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** The most rows one CSV export writes (tests use a small one). */
export const EXPORT_ROW_LIMIT = 100_000;

export const alarmsRoutes: FastifyPluginAsync<{ exportRowLimit?: number }> = async (app, options) => {
  const exportRowLimit = options.exportRowLimit ?? EXPORT_ROW_LIMIT;
  /** Integrations post alarms: answered only after the commit, idempotent by key. */
  app.post('/api/v1/alarms', async (request, reply) => {
    const key = await apiKeyFor(app.deps.db, bearer(request));
    if (!key) throw new HttpError(401, 'unauthorized', 'authorization: a valid API key is required (Authorization: Bearer <key>)');
    const idempotencyHeader = request.headers['idempotency-key'];
    if (idempotencyHeader !== undefined && (typeof idempotencyHeader !== 'string' || !IDEMPOTENCY_KEY.test(idempotencyHeader))) {
      throw badRequest('idempotency-key: must be 1 to 128 printable ASCII characters');
    }
    const body = parseOrThrow(AlarmIngestBody, request.body);
    const result = await raiseAlarm(app.deps, body, {
      actor: { kind: 'integration', id: key.id, name: key.name },
      idempotency: idempotencyHeader ? { scope: key.id, key: idempotencyHeader } : undefined,
    });
    return reply.status(result.status).send(result.body);
  });

  /** The alarm history (报警记录): every filter of `AlarmListQuery`, newest first, keyset pages. */
  app.get('/api/v1/alarms', { preHandler: requirePermission('alarms.read') }, async (request) => {
    const query = parseOrThrow(AlarmListQuery, request.query);
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    const { rows, nextCursor, prevCursor } = await alarmHistoryPage(app.deps.db, query, scope);
    return { alarms: rows.map(presentAlarm), nextCursor, prevCursor };
  });

  /** The same filters as a CSV file, newest first, at most `exportRowLimit` rows (a last line says when cut). */
  app.get('/api/v1/alarms/export.csv', { preHandler: requirePermission('alarms.read') }, async (request, reply) => {
    const query = parseOrThrow(AlarmExportQuery, request.query);
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    await recordExport(app.deps, currentUser(request), 'alarms.csv', query);
    const style = { lang: query.lang, timeZone: query.tz };
    const writeRow = csvRowWriter(style, await exportNames(app.deps.db, scope));
    const batches = alarmsToExport(app.deps.db, query, scope, exportRowLimit);
    async function* lines() {
      yield CSV_BOM + csvHeader(style);
      for (;;) {
        const next = await batches.next();
        if (next.done) {
          if (next.value.cut) yield csvCutNote(exportRowLimit, style);
          return;
        }
        yield next.value.map(writeRow).join('');
      }
    }
    const stamp = new Date().toISOString().slice(0, 19).replaceAll(':', '-');
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="vigil-alarms-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });

  /** One alarm and its events in seq order (its timeline); 404 for an alarm the user may not see. */
  app.get('/api/v1/alarms/:id/timeline', { preHandler: requirePermission('alarms.read') }, async (request) => {
    const { id } = parseOrThrow(AlarmParams, request.params);
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    const { alarm, events, truncated } = await alarmTimeline(app.deps.db, id, scope);
    return { alarm: presentAlarm(alarm), events, truncated };
  });
};

/** The names an export writes for the sites, zones and devices of the user's sites. */
async function exportNames(db: Executor, scope: ReadScope): Promise<ExportNames> {
  const rows = await listSiteRows(db, scope.siteIds);
  const byId = <T extends { id: string; name: string; nameEn: string | null }>(items: T[]) => new Map(items.map((item) => [item.id, { name: item.name, nameEn: item.nameEn }]));
  return { sites: byId(rows.sites), zones: byId(rows.zones), devices: byId(rows.devices) };
}
