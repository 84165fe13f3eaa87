import { rankGuards, type GuardFix, type GuardRanking, type LiveState, type User, type WalkGrid, type Site } from '@vigil/shared';
import { unprocessable } from '../../lib/http-error.js';
import type { Deps } from '../deps.js';
import { loadIncidentRow } from '../incidents/incident-access.js';

export interface SuggestContext {
  deps: Deps;
  live: () => LiveState;
  latestFix: (guardId: string) => GuardFix | undefined;
  grids: { gridFor(site: Site): WalkGrid };
}

/**
 * The incident's site's guards ranked for its place by walking time along the site (floors
 * count), from the positions lane's latest fixes; stale fixes, off-duty, off-shift, busy and
 * SOS guards left out, each with the reason. Changes nothing.
 */
export async function suggestGuards(context: SuggestContext, incidentId: string, user: User): Promise<GuardRanking> {
  const { deps } = context;
  const incident = await loadIncidentRow(deps.db, incidentId, user, deps.stream);
  if (!incident.location) throw unprocessable(`incidentId: incident ${incident.number} has no place on the map to rank guards for`, { field: 'incidentId', rule: 'noLocation' });
  const state = context.live();
  const site = state.sites[incident.siteId];
  if (!site) throw unprocessable(`incidentId: the site "${incident.siteId}" of incident ${incident.number} is not loaded`, { field: 'incidentId', rule: 'noSite' });
  const guards = [...state.guards.values()].filter((guard) => guard.siteId === site.id);
  const fixes: Record<string, GuardFix> = {};
  for (const guard of guards) {
    const fix = context.latestFix(guard.id);
    if (fix) fixes[guard.id] = fix;
  }
  // The route branch's ranking is assignable to the wire form (GuardRanking in incident.ts).
  return rankGuards({ site, grid: context.grids.gridFor(site), guards, fixes, incident: incident.location, now: deps.clock() });
}
