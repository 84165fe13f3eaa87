import type { FastifyPluginAsync } from 'fastify';
import { IncidentListQuery } from '@vigil/shared';
import { z } from 'zod';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { listIncidentHistory, readIncident, readIncidentReport } from '../services/incidents/incident-reads.js';

const IncidentParams = z.object({ id: z.uuid({ error: 'must be a UUID' }) });

/** Incidents over HTTP: the history, one incident in full, and its closing report (JSON). Commands are on the socket. */
export const incidentsRoutes: FastifyPluginAsync = async (app) => {
  const read = { preHandler: requirePermission('incidents.read') };

  app.get('/api/v1/incidents', read, async (request) => {
    const query = parseOrThrow(IncidentListQuery, request.query);
    return { incidents: await listIncidentHistory(app.deps, query, currentUser(request)) };
  });

  app.get('/api/v1/incidents/:id', read, async (request) => {
    const { id } = parseOrThrow(IncidentParams, request.params);
    return readIncident(app.deps, id, currentUser(request));
  });

  app.get('/api/v1/incidents/:id/report', read, async (request) => {
    const { id } = parseOrThrow(IncidentParams, request.params);
    return { report: await readIncidentReport(app.deps, id, currentUser(request)) };
  });
};
