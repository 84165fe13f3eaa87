import type { FastifyPluginAsync } from 'fastify';
import { MonitorCreateBody, MonitorId, MonitorUpdateBody } from '@vigil/shared';
import { z } from 'zod';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { presentMonitor, presentPreset } from '../presenters/wall.presenter.js';
import { listMonitors, listPresets } from '../repositories/wall.repository.js';
import { createMonitor, removeMonitor, updateMonitor } from '../services/wall/monitors.service.js';
import { readScopeOf } from '../services/scope.js';

const MonitorParams = z.object({ monitorId: MonitorId }).strict();

/** The wall's monitors and presets. Operators change what monitors show over the socket (`wall.*`). */
export const wallRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/v1/monitors', { preHandler: requirePermission('wall.watch') }, async (request) => {
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    return { monitors: (await listMonitors(app.deps.db, scope.siteIds)).map(presentMonitor) };
  });

  app.get('/api/v1/presets', { preHandler: requirePermission('wall.watch') }, async (request) => {
    const scope = await readScopeOf(app.deps.db, currentUser(request));
    return { presets: (await listPresets(app.deps.db, scope.siteIds)).map(presentPreset) };
  });

  app.post('/api/v1/monitors', { preHandler: requirePermission('wall.configure') }, async (request, reply) => {
    const body = parseOrThrow(MonitorCreateBody, request.body);
    return reply.status(201).send(await createMonitor(app.deps, body, currentUser(request)));
  });

  app.patch('/api/v1/monitors/:monitorId', { preHandler: requirePermission('wall.configure') }, async (request) => {
    const { monitorId } = parseOrThrow(MonitorParams, request.params);
    const body = parseOrThrow(MonitorUpdateBody, request.body);
    return updateMonitor(app.deps, monitorId, body, currentUser(request));
  });

  app.delete('/api/v1/monitors/:monitorId', { preHandler: requirePermission('wall.configure') }, async (request) => {
    const { monitorId } = parseOrThrow(MonitorParams, request.params);
    return removeMonitor(app.deps, monitorId, currentUser(request));
  });
};
