import { create } from 'zustand';
import { ApiError } from '../../lib/http';
import { useSession } from '../auth/sessionStore';
import { indexSite, type SiteIndex } from './siteIndex';
import { fetchSites } from './sitesApi';

type SiteLoad =
  | { status: 'loading' }
  | { status: 'ready'; index: SiteIndex }
  | { status: 'empty' }
  | { status: 'failed'; error: ApiError };

interface SiteStore {
  load: SiteLoad;
  fetch: () => Promise<void>;
}

/** The site on the wall: the first one the user may see (a wall watches one site). */
export const useSiteStore = create<SiteStore>((set) => ({
  load: { status: 'loading' },
  fetch: async () => {
    set({ load: { status: 'loading' } });
    try {
      const [site] = await fetchSites();
      set({ load: site ? { status: 'ready', index: indexSite(site) } : { status: 'empty' } });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error));
      set({ load: { status: 'failed', error: apiError } });
      // The session expired: the login screen, not an error, is the answer.
      if (apiError.status === 401) useSession.getState().signedOut();
    }
  },
}));

/** The loaded site, for components that only render once it is there. */
export function useSiteIndex(): SiteIndex | null {
  return useSiteStore((store) => (store.load.status === 'ready' ? store.load.index : null));
}
