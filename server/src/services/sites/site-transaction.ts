import { siteAllowed, type Actor, type DomainEvent, type NewEvent, type Site, type User, type Viewer } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../lib/http-error.js';
import type { LockedTx } from '../../repositories/events.repository.js';
import { findSiteRows } from '../../repositories/sites.repository.js';
import { presentSite } from '../../presenters/site.presenter.js';
import { placementCache } from '../alarms/placement-cache.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';

export const userActor = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.displayName });

/** Writes a state change and its event in one statement (see CommandLog.append). */
export type SiteAppend = (change: { getSQL(): SQL }, event: NewEvent) => Promise<DomainEvent>;

/**
 * Runs a site edit through the append path (services/append.ts); after the commit the
 * placement cache is dropped and the events go to the broadcaster. Nothing is written when
 * `edit` throws.
 */
export async function editSites<T>(deps: Deps, edit: (tx: LockedTx, append: SiteAppend, now: Date) => Promise<T>): Promise<T> {
  const done = await runCommand(deps, { stream: deps.stream, afterCommit: () => placementCache.invalidate() }, (log) =>
    edit(log.tx, (change, event) => log.append(change, event), log.now),
  );
  return done.value;
}

/** The site as it is now inside the transaction, or 404 naming it (also when it is not among the viewer's sites). */
export async function loadSite(tx: Tx, siteId: string, viewer: Viewer): Promise<Site> {
  const rows = siteAllowed(viewer, siteId) ? await findSiteRows(tx, siteId) : undefined;
  if (!rows) throw notFound(`siteId: no site with id "${siteId}"`);
  return presentSite(rows.site, rows.zones, rows.devices);
}
