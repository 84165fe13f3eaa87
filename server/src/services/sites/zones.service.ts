import { zonePlacementErrors, type User, type Zone, type ZoneInput } from '@vigil/shared';
import { conflict, notFound, unprocessable } from '../../lib/http-error.js';
import { devicesInZone, findZone, zoneDelete, zoneUpsert } from '../../repositories/sites.repository.js';
import type { Deps } from '../deps.js';
import { viewerOf } from '../scope.js';
import { editSites, loadSite, userActor } from './site-transaction.js';

/** Creates or replaces a zone of a site → `site.zoneSaved`. */
export async function saveZone(deps: Deps, siteId: string, zoneId: string, input: ZoneInput, user: User): Promise<{ zone: Zone; seq: number }> {
  return editSites(deps, async (tx, append) => {
    const site = await loadSite(tx, siteId, viewerOf(user));
    const existing = await findZone(tx, zoneId);
    if (existing && existing.siteId !== siteId) throw conflict(`zoneId: "${zoneId}" belongs to site "${existing.siteId}"`);
    const zone: Zone = { id: zoneId, siteId, name: input.name, nameEn: input.nameEn ?? null, kind: input.kind, floor: input.floor, geometry: input.geometry };
    const errors = zonePlacementErrors(site, zone);
    if (errors.length > 0) throw unprocessable(errors.join('; '));
    const event = await append(zoneUpsert(tx, zone), {
      siteId,
      type: 'site.zoneSaved',
      actor: userActor(user),
      payload: { zone },
    });
    return { zone, seq: event.seq };
  });
}

/** Removes a zone → `site.zoneRemoved`; refused while devices still name it. */
export async function removeZone(deps: Deps, siteId: string, zoneId: string, user: User): Promise<{ seq: number }> {
  return editSites(deps, async (tx, append) => {
    await loadSite(tx, siteId, viewerOf(user));
    const zone = await findZone(tx, zoneId);
    if (!zone || zone.siteId !== siteId) throw notFound(`zoneId: no zone with id "${zoneId}" on site "${siteId}"`);
    const users = await devicesInZone(tx, zoneId);
    if (users.length > 0) {
      const names = users.slice(0, 10).map((device) => device.id);
      const more = users.length > names.length ? ` and ${users.length - names.length} more` : '';
      throw conflict(`zoneId: devices ${names.join(', ')}${more} are still in zone "${zoneId}"; move or delete them first`);
    }
    const event = await append(zoneDelete(tx, zoneId), {
      siteId,
      type: 'site.zoneRemoved',
      actor: userActor(user),
      payload: { zoneId },
    });
    return { seq: event.seq };
  });
}
