import { and, eq, notInArray } from 'drizzle-orm';
import type { SiteImageType } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { siteImages } from '../db/schema/index.js';

export interface StoredSiteImage {
  siteId: string;
  id: string;
  contentType: SiteImageType;
  size: number;
}

/** Stores an image once: the same bytes again (same id) change nothing. */
export async function insertSiteImage(db: Executor, image: StoredSiteImage & { bytes: Uint8Array }): Promise<void> {
  await db.insert(siteImages).values(image).onConflictDoNothing();
}

export async function findSiteImage(db: Executor, siteId: string, id: string): Promise<(StoredSiteImage & { bytes: Uint8Array }) | undefined> {
  const [row] = await db
    .select({ siteId: siteImages.siteId, id: siteImages.id, contentType: siteImages.contentType, size: siteImages.size, bytes: siteImages.bytes })
    .from(siteImages)
    .where(and(eq(siteImages.siteId, siteId), eq(siteImages.id, id)))
    .limit(1);
  return row;
}

export async function siteImageExists(db: Executor, siteId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: siteImages.id })
    .from(siteImages)
    .where(and(eq(siteImages.siteId, siteId), eq(siteImages.id, id)))
    .limit(1);
  return row !== undefined;
}

/** Removes a site's images except the ones named. */
export async function deleteSiteImagesExcept(db: Executor, siteId: string, keep: string[]): Promise<number> {
  const removed = await db
    .delete(siteImages)
    .where(keep.length > 0 ? and(eq(siteImages.siteId, siteId), notInArray(siteImages.id, keep)) : eq(siteImages.siteId, siteId))
    .returning({ id: siteImages.id });
  return removed.length;
}
