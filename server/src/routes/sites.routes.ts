import type { FastifyPluginAsync } from 'fastify';
import { requirePermission } from '../plugins/auth.js';
import { listSiteRows } from '../repositories/sites.repository.js';
import { presentSite } from '../presenters/site.presenter.js';

export const sitesRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/v1/sites', { preHandler: requirePermission('sites.read') }, async () => {
    const rows = await listSiteRows(app.deps.db);
    return { sites: rows.sites.map((site) => presentSite(site, rows.zones, rows.devices)) };
  });
};
