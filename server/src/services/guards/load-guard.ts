import { siteAllowed, type Viewer } from '@vigil/shared';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../lib/http-error.js';
import { findGuard, type GuardRow } from '../../repositories/guards.repository.js';

/** The roster entry, or 404 naming it — also when it is on a site the viewer does not have. */
export async function loadGuard(db: Executor, guardId: string, viewer: Viewer): Promise<GuardRow> {
  const row = await findGuard(db, guardId);
  if (!row || !siteAllowed(viewer, row.siteId)) throw notFound(`id: no guard with id "${guardId}"`);
  return row;
}
