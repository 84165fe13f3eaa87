import { create } from 'zustand';
import type { ReplayMarker } from './replayApi';
import type { ReplayLoad } from './replaySource';

/** What the replay bar shows besides the clock: whether the moment is loaded, and the timeline's markers. */
interface ReplayStore {
  load: ReplayLoad;
  markers: ReplayMarker[];
  /** The range held more markers than the server sent. */
  truncated: boolean;
  markersFailed: boolean;
  set: (change: Partial<Omit<ReplayStore, 'set' | 'reset'>>) => void;
  reset: () => void;
}

const initial = { load: { status: 'loading' } as ReplayLoad, markers: [], truncated: false, markersFailed: false };

export const useReplayStore = create<ReplayStore>((set) => ({
  ...initial,
  set: (change) => set(change),
  reset: () => set(initial),
}));
