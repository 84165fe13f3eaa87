import { createHash } from 'node:crypto';
import { siteImageError, siteImageIdOf, siteImagePath, type SiteImage, type SiteImageType, type User } from '@vigil/shared';
import { HttpError, notFound } from '../../lib/http-error.js';
import { deleteSiteImagesExcept, findSiteImage, insertSiteImage } from '../../repositories/site-images.repository.js';
import { findSite } from '../../repositories/sites.repository.js';
import type { Deps } from '../deps.js';
import { inScope, siteAllowed, viewerOf, type ReadScope } from '../scope.js';
import { editSites } from './site-transaction.js';

const CODES = { 400: 'validation', 413: 'too_large', 415: 'unsupported_media_type' } as const;

/**
 * Stores a plan image for the site's backdrop and answers where it is served; the backdrop
 * itself is set by PATCH /sites/:siteId. Only the new image and the one the backdrop shows
 * now are kept: an admin trying out plans does not fill the database.
 */
export async function uploadSiteImage(deps: Deps, siteId: string, declaredType: string | undefined, bytes: Uint8Array, user: User): Promise<SiteImage> {
  const refusal = siteImageError(declaredType, bytes);
  if (refusal) throw new HttpError(refusal.status, CODES[refusal.status], refusal.message);
  const contentType = declaredType!.split(';')[0]!.trim().toLowerCase() as SiteImageType;
  const id = createHash('sha256').update(bytes).digest('hex');
  // Inside the site-edit lock: a backdrop saved at the same moment is never pruned.
  return editSites(deps, async (tx) => {
    const site = await findSite(tx, siteId);
    if (!site || !siteAllowed(viewerOf(user), siteId)) throw notFound(`siteId: no site with id "${siteId}"`);
    await insertSiteImage(tx, { siteId, id, contentType, size: bytes.length, bytes });
    const shown = site.backdrop?.kind === 'image' ? siteImageIdOf(siteId, site.backdrop.url) : null;
    await deleteSiteImagesExcept(tx, siteId, shown && shown !== id ? [id, shown] : [id]);
    return { id, siteId, url: siteImagePath(siteId, id), contentType, size: bytes.length };
  });
}

/** The bytes of an uploaded image, or 404 naming it. */
export async function readSiteImage(deps: Deps, siteId: string, imageId: string, scope: ReadScope): Promise<{ contentType: SiteImageType; bytes: Uint8Array }> {
  if (!inScope(scope, siteId)) throw notFound(`siteId: no site with id "${siteId}"`);
  const image = await findSiteImage(deps.db, siteId, imageId);
  if (!image) throw notFound(`imageId: no image "${imageId}" on site "${siteId}"`);
  return { contentType: image.contentType, bytes: image.bytes };
}
