import { create } from 'zustand';

export type LocationState = 'watching' | 'denied' | 'unavailable' | 'unsupported';

export interface LastFix {
  at: string;
  accuracy: number | null;
}

interface PhoneStore {
  location: LocationState;
  lastFix: LastFix | null;
  /** Fixes taken but not yet acknowledged by the server. */
  queued: number;
  /** Fixes taken since the page opened (shown to tests as `data-taken`). */
  taken: number;
  set: (patch: Partial<Omit<PhoneStore, 'set'>>) => void;
}

/** What the guard's page shows about its own reporting; written by useFixReporter. */
export const usePhoneStore = create<PhoneStore>((set) => ({
  location: 'watching',
  lastFix: null,
  queued: 0,
  taken: 0,
  set: (patch) => set(patch),
}));
