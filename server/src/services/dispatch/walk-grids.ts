import { createWalkGridCache, type Site, type WalkGrid } from '@vigil/shared';

/**
 * One walking grid per site, kept until the site changes. The live projection hands out a new
 * Site object on every site.saved / zone / device event, so the same object means the same grid
 * at no cost; a new one is checked against the grid's fingerprint (walkGridKey) and rebuilt only
 * when what the grid is drawn from changed (a device's status does not).
 */
export function createSiteWalkGrids(): { gridFor(site: Site): WalkGrid } {
  const bySite = new WeakMap<Site, WalkGrid>();
  const cache = createWalkGridCache();
  return {
    gridFor(site) {
      const known = bySite.get(site);
      if (known) return known;
      const grid = cache.gridFor(site);
      bySite.set(site, grid);
      return grid;
    },
  };
}
