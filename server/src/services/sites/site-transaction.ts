import type { Actor, DomainEvent, Site, User } from '@vigil/shared';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../lib/http-error.js';
import { lockEventLog } from '../../repositories/events.repository.js';
import { findSiteRows } from '../../repositories/sites.repository.js';
import { presentSite } from '../../presenters/site.presenter.js';
import { placementCache } from '../alarms/placement-cache.js';
import type { Deps } from '../deps.js';

export const userActor = (user: User): Actor => ({ kind: 'user', id: user.id, name: user.displayName });

/**
 * Runs a site edit as one transaction holding the event-log lock; the events it appends are
 * handed to the broadcaster only after the commit. Nothing is written when `edit` throws.
 */
export async function editSites<T>(deps: Deps, edit: (tx: Tx, append: (event: DomainEvent) => void) => Promise<T>): Promise<T> {
  const appended: DomainEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    return edit(tx, (event) => appended.push(event));
  });
  if (appended.length > 0) {
    placementCache.invalidate();
    deps.onCommitted(appended);
  }
  return result;
}

/** The site as it is now inside the transaction, or 404 naming it. */
export async function loadSite(tx: Tx, siteId: string): Promise<Site> {
  const rows = await findSiteRows(tx, siteId);
  if (!rows) throw notFound(`siteId: no site with id "${siteId}"`);
  return presentSite(rows.site, rows.zones, rows.devices);
}
