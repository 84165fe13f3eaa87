import {
  backdropPlacementErrors,
  devicePlacementErrors,
  parseSiteDocument,
  siteImageIdOf,
  siteToDocument,
  zonePlacementErrors,
  type Site,
  type SiteDocument,
  type SitePatch,
  type User,
} from '@vigil/shared';
import type { Tx } from '../../db/client.js';
import { HttpError, conflict, forbidden, notFound, unprocessable } from '../../lib/http-error.js';
import { siteImageExists } from '../../repositories/site-images.repository.js';
import { findSiteRows, idsOwnedElsewhere, replaceSiteChildren, siteUpsert } from '../../repositories/sites.repository.js';
import { presentSite } from '../../presenters/site.presenter.js';
import type { Deps } from '../deps.js';
import { siteAllowed, viewerOf } from '../scope.js';
import { editSites, loadSite, userActor } from './site-transaction.js';

/** What a changed plan or floor list would leave stranded: named zones and devices. */
function strandedBy(site: Site): string[] {
  const zoneIds = new Set(site.zones.map((zone) => zone.id));
  return [
    ...backdropPlacementErrors(site),
    ...site.zones.flatMap((zone) => zonePlacementErrors(site, zone, `zone ${zone.id} `)),
    ...site.devices.flatMap((device) => devicePlacementErrors(site, device, zoneIds, `device ${device.id} `)),
  ];
}

/** A backdrop that shows an uploaded image must name one this site has. */
async function checkBackdropImage(tx: Tx, siteId: string, backdrop: SitePatch['backdrop']): Promise<void> {
  const imageId = backdrop?.kind === 'image' ? siteImageIdOf(siteId, backdrop.url) : null;
  if (imageId && !(await siteImageExists(tx, siteId, imageId))) {
    throw unprocessable(`backdrop.url: no uploaded image "${imageId}" on this site; upload the plan image again`);
  }
}

/** Changes a site's name, plan size, floors, anchor or backdrop → `site.saved`. */
export async function updateSite(deps: Deps, siteId: string, patch: SitePatch, user: User): Promise<{ site: Site; seq: number }> {
  return editSites(deps, async (tx, append) => {
    const current = await loadSite(tx, siteId, viewerOf(user));
    const site: Site = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
      ...(patch.plan ? { plan: patch.plan } : {}),
      ...(patch.floors ? { floors: patch.floors.map((floor) => ({ ...floor, nameEn: floor.nameEn ?? null })) } : {}),
      ...(patch.anchor !== undefined ? { anchor: patch.anchor } : {}),
      ...(patch.backdrop !== undefined ? { backdrop: patch.backdrop } : {}),
    };
    await checkBackdropImage(tx, siteId, patch.backdrop);
    if (patch.backdrop) {
      const misplaced = backdropPlacementErrors(site);
      if (misplaced.length > 0) throw unprocessable(misplaced.join('; '));
    }
    const stranded = strandedBy(site);
    if (stranded.length > 0) {
      const field = patch.plan ? 'plan' : 'floors';
      throw conflict(`${field}: would leave ${stranded.length} zone(s)/device(s) out of place: ${stranded.slice(0, 5).join('; ')}`);
    }
    const { zones: _zones, devices: _devices, ...header } = site;
    const event = await append(siteUpsert(tx, header), {
      siteId,
      type: 'site.saved',
      actor: userActor(user),
      payload: { site },
    });
    return { site, seq: event.seq };
  });
}

/** The whole site as a GeoJSON document (see SiteDocument). */
export async function exportSite(deps: Deps, siteId: string, user: User): Promise<SiteDocument> {
  const rows = siteAllowed(viewerOf(user), siteId) ? await findSiteRows(deps.db, siteId) : undefined;
  if (!rows) throw notFound(`siteId: no site with id "${siteId}"`);
  return siteToDocument(presentSite(rows.site, rows.zones, rows.devices));
}

/** Creates or replaces a whole site from a document, in one transaction → `site.saved`. */
export async function importSite(deps: Deps, input: unknown, user: User): Promise<{ site: Site; seq: number; created: boolean }> {
  const parsed = parseSiteDocument(input);
  if (!parsed.ok) throw new HttpError(400, 'validation', parsed.errors.join('; '));
  const site = parsed.site;
  if (!siteAllowed(viewerOf(user), site.id)) {
    throw forbidden(`properties.id: this login may edit only its own sites, not "${site.id}"`);
  }
  return editSites(deps, async (tx, append) => {
    const ids = [...site.zones.map((zone) => zone.id), ...site.devices.map((device) => device.id)];
    const taken = await idsOwnedElsewhere(tx, site.id, ids);
    if (taken.length > 0) {
      const feature = (id: string) => {
        const index = ids.indexOf(id);
        return index < site.zones.length ? `(zone ${id})` : `(device ${id})`;
      };
      throw conflict(
        taken
          .slice(0, 10)
          .map(({ id, siteId }) => `features ${feature(id)}.properties.id: "${id}" belongs to site "${siteId}"; choose another id`)
          .join('; '),
      );
    }
    const created = !(await findSiteRows(tx, site.id));
    const { zones: _zones, devices: _devices, ...header } = site;
    // The site row first (the children reference it), its children next, the event last.
    await siteUpsert(tx, header);
    await replaceSiteChildren(tx, site);
    const event = await append(siteUpsert(tx, header), {
      siteId: site.id,
      type: 'site.saved',
      actor: userActor(user),
      payload: { site },
    });
    return { site, seq: event.seq, created };
  });
}
