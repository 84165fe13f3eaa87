import type { Actor, Viewer } from '@vigil/shared';
import { conflict } from '../../lib/http-error.js';
import { guardDelete, hasOpenSos } from '../../repositories/guards.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { loadGuard } from './load-guard.js';

/**
 * Takes a guard off the roster (`guard.removed`). The guard's positions stay for history; the
 * tracker id, tracker URL and phone login are freed. A guard with an SOS alarm still open is
 * refused (409): the control room resolves the SOS first, so no alarm points at nobody.
 */
export async function removeGuard(deps: Deps, guardId: string, actor: Actor, viewer: Viewer): Promise<{ seq: number }> {
  const done = await runCommand(deps, { stream: deps.stream }, async ({ tx, append }) => {
    const guard = await loadGuard(tx, guardId, viewer);
    // The open alarm decides, not the status: a status left at `sos` after its alarm was
    // resolved must not keep a guard on the roster for ever.
    if (await hasOpenSos(tx, guardId)) {
      throw conflict(`id: guard ${guard.callsign} has an open SOS; resolve it before removing the guard`);
    }
    await append(guardDelete(tx, guardId), {
      type: 'guard.removed',
      siteId: guard.siteId,
      actor,
      payload: { guardId, callsign: guard.callsign },
    });
  });
  return { seq: done.seq };
}
