import type { FastifyPluginAsync } from 'fastify';
import { PlanId } from '@vigil/shared';
import { z } from 'zod';
import { parseOrThrow } from '../lib/http-error.js';
import { currentUser, requirePermission } from '../plugins/auth.js';
import { recordExport } from '../services/audit/record-audit.js';
import {
  currentPlans,
  exportLibrary,
  importPlans,
  planVersions,
  publishPlan,
  retirePlanTemplate,
  retiredPlans,
} from '../services/plans/plan-library.service.js';

const PlanParams = z.object({ id: PlanId }).strict();
/** A library of the largest plans, in both languages, is well over the app's 64 KiB default. */
const LIBRARY_BODY_LIMIT = 4 * 1024 * 1024;
const PLAN_BODY_LIMIT = 512 * 1024;

/** The plan library (预案库): read by the control room, edited, imported and exported by admins. */
export const plansRoutes: FastifyPluginAsync = async (app) => {
  const read = { preHandler: requirePermission('plans.read') };
  const edit = { preHandler: requirePermission('plans.edit') };

  /** The current plans, and apart from them the retired ones (kept for history, not startable). */
  app.get('/api/v1/plans', read, async () => ({ plans: await currentPlans(app.deps.db), retired: await retiredPlans(app.deps.db) }));

  app.get('/api/v1/plans/export', read, async (request, reply) => {
    await recordExport(app.deps, currentUser(request), 'plans.json', {});
    void reply.header('content-disposition', 'attachment; filename="vigil-plans.json"');
    return exportLibrary(app.deps.db);
  });

  app.get('/api/v1/plans/:id/versions', read, async (request) => {
    const { id } = parseOrThrow(PlanParams, request.params);
    return { versions: await planVersions(app.deps.db, id) };
  });

  app.post('/api/v1/plans', { ...edit, bodyLimit: PLAN_BODY_LIMIT }, async (request, reply) => {
    const plan = await publishPlan(app.deps, request.body, currentUser(request));
    return reply.status(201).send({ plan });
  });

  app.post('/api/v1/plans/import', { ...edit, bodyLimit: LIBRARY_BODY_LIMIT }, async (request) => {
    return { plans: await importPlans(app.deps, request.body, currentUser(request)) };
  });

  app.post('/api/v1/plans/:id/retire', edit, async (request) => {
    const { id } = parseOrThrow(PlanParams, request.params);
    await retirePlanTemplate(app.deps, id, currentUser(request));
    return { id, retired: true };
  });
};
