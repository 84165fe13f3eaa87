import { create } from 'zustand';

/** `insecure`: the page is plain HTTP by a LAN address, where browsers give no location at all. */
export type LocationState = 'watching' | 'denied' | 'unavailable' | 'unsupported' | 'insecure';

export interface LastFix {
  at: string;
  accuracy: number | null;
  /** Where the fix was (WGS-84): the dispatch map places the guard with the site's anchor. */
  lat: number;
  lon: number;
}

interface PhoneStore {
  location: LocationState;
  lastFix: LastFix | null;
  /** Fixes taken but not yet acknowledged by the server. */
  queued: number;
  /** Fixes taken since the page opened (shown to tests as `data-taken`). */
  taken: number;
  /** The floor the guard says they are on; null until picked (the server takes ground). */
  floor: number | null;
  set: (patch: Partial<Omit<PhoneStore, 'set'>>) => void;
}

/** What the guard's page shows about its own reporting; written by useFixReporter. */
export const usePhoneStore = create<PhoneStore>((set) => ({
  location: 'watching',
  lastFix: null,
  queued: 0,
  taken: 0,
  floor: null,
  set: (patch) => set(patch),
}));
