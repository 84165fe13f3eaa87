import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { DeviceInput, DeviceStatusInput, EntityId, SitePatch, ZoneInput, parseSiteInput } from '@vigil/shared';
import { z } from 'zod';
import { HttpError, badRequest } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { listSiteRows } from '../repositories/sites.repository.js';
import { presentSite } from '../presenters/site.presenter.js';
import { apiKeyFor } from '../services/auth/api-keys.js';
import { changeDeviceStatus, removeDevice, saveDevice } from '../services/sites/devices.service.js';
import { exportSite, importSite, updateSite } from '../services/sites/sites.service.js';
import { readScopeOf } from '../services/scope.js';
import { recordExport } from '../services/audit/record-audit.js';
import { removeZone, saveZone } from '../services/sites/zones.service.js';

const SiteParams = z.object({ siteId: EntityId }).strict();
const ZoneParams = z.object({ siteId: EntityId, zoneId: EntityId }).strict();
const DeviceParams = z.object({ siteId: EntityId, deviceId: EntityId }).strict();
const StatusParams = z.object({ deviceId: EntityId }).strict();

/** A whole site's document may be far larger than an ordinary request. */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

/** Validates at the edge; the error names the field, positions in brackets. */
function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = parseSiteInput(schema, input);
  if (!result.ok) throw badRequest(result.error);
  return result.value;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export const sitesRoutes: FastifyPluginAsync = async (app) => {
  const edit = { preHandler: requirePermission('sites.edit') };

  app.get('/api/v1/sites', { preHandler: requirePermission('sites.read') }, async (request) => {
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    const rows = await listSiteRows(app.deps.db, scope.siteIds);
    return { sites: rows.sites.map((site) => presentSite(site, rows.zones, rows.devices)) };
  });

  app.patch('/api/v1/sites/:siteId', edit, async (request) => {
    const { siteId } = parseOrThrow(SiteParams, request.params);
    return updateSite(app.deps, siteId, parseOrThrow(SitePatch, request.body), currentUser(request));
  });

  app.put('/api/v1/sites/:siteId/zones/:zoneId', edit, async (request) => {
    const { siteId, zoneId } = parseOrThrow(ZoneParams, request.params);
    return saveZone(app.deps, siteId, zoneId, parseOrThrow(ZoneInput, request.body), currentUser(request));
  });

  app.delete('/api/v1/sites/:siteId/zones/:zoneId', edit, async (request) => {
    const { siteId, zoneId } = parseOrThrow(ZoneParams, request.params);
    return removeZone(app.deps, siteId, zoneId, currentUser(request));
  });

  app.put('/api/v1/sites/:siteId/devices/:deviceId', edit, async (request) => {
    const { siteId, deviceId } = parseOrThrow(DeviceParams, request.params);
    return saveDevice(app.deps, siteId, deviceId, parseOrThrow(DeviceInput, request.body), currentUser(request));
  });

  app.delete('/api/v1/sites/:siteId/devices/:deviceId', edit, async (request) => {
    const { siteId, deviceId } = parseOrThrow(DeviceParams, request.params);
    return removeDevice(app.deps, siteId, deviceId, currentUser(request));
  });

  app.get('/api/v1/sites/:siteId/export', edit, async (request, reply) => {
    const { siteId } = parseOrThrow(SiteParams, request.params);
    const document = await exportSite(app.deps, siteId, currentUser(request));
    await recordExport(app.deps, currentUser(request), 'site.geojson', { siteId });
    return reply.header('content-disposition', `attachment; filename="${siteId}.site.geojson"`).send(document);
  });

  app.post('/api/v1/sites/import', { ...edit, bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
    const result = await importSite(app.deps, request.body, currentUser(request));
    return reply.status(result.created ? 201 : 200).send(result);
  });

  /** Integrations report a device's status (online, fault …); an event only when it changes. */
  app.post('/api/v1/devices/:deviceId/status', async (request) => {
    const key = await apiKeyFor(app.deps.db, bearer(request));
    if (!key) throw new HttpError(401, 'unauthorized', 'authorization: a valid API key is required (Authorization: Bearer <key>)');
    const { deviceId } = parseOrThrow(StatusParams, request.params);
    const { status } = parseOrThrow(DeviceStatusInput, request.body);
    return changeDeviceStatus(app.deps, deviceId, status, { kind: 'integration', id: key.id, name: key.name });
  });
};
