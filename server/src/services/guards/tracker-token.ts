import { notFound } from '../../lib/http-error.js';
import { newToken, sha256 } from '../../lib/tokens.js';
import { guardUpdate, findGuard } from '../../repositories/guards.repository.js';
import { presentRosterGuard } from '../../presenters/guard.presenter.js';
import type { Viewer } from '@vigil/shared';
import type { Deps } from '../deps.js';
import { loadGuard } from './load-guard.js';

/*
 * A guard's tracker URL secret. Not an event: no screen shows it, and the live state does not
 * change. Rotating makes the old URL refuse fixes at once (its hash is gone).
 */

/** A new secret for the guard's tracker URL; the old URL stops working. The token is shown once. */
export async function rotateTrackerToken(deps: Deps, guardId: string, viewer: Viewer) {
  await loadGuard(deps.db, guardId, viewer);
  const token = newToken(24);
  const [updated] = await guardUpdate(deps.db, guardId, { trackerTokenHash: sha256(token) });
  if (!updated) throw notFound(`id: no guard with id "${guardId}"`);
  const row = await findGuard(deps.db, guardId);
  if (!row) throw notFound(`id: no guard with id "${guardId}"`);
  return { guard: presentRosterGuard(row), token };
}

/**
 * Back to the legacy bare `/osmand?id=` (a hardware tracker that takes only a host and port).
 * Refused everywhere when the server requires tracker URLs (OSMAND_REQUIRE_TOKEN=on).
 */
export async function clearTrackerToken(deps: Deps, guardId: string, viewer: Viewer) {
  await loadGuard(deps.db, guardId, viewer);
  const [updated] = await guardUpdate(deps.db, guardId, { trackerTokenHash: null });
  if (!updated) throw notFound(`id: no guard with id "${guardId}"`);
  const row = await findGuard(deps.db, guardId);
  if (!row) throw notFound(`id: no guard with id "${guardId}"`);
  return { guard: presentRosterGuard(row) };
}
