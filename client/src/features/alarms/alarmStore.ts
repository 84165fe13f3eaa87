import {
  applyEvent,
  applyEvents,
  emptyState,
  liveStateFromJson,
  pruneResolved,
  type DomainEvent,
  type LiveState,
  type SyncMessage,
} from '@vigil/shared';
import { create } from 'zustand';

/** How many resolved alarms the client keeps for the "recently resolved" list. */
export const KEEP_RESOLVED = 50;

interface AlarmStore {
  live: LiveState;
  /** A connection's `sync`: the whole state, or the events missed since our seq. */
  applySync: (message: SyncMessage) => void;
  applyEvent: (event: DomainEvent) => void;
  reset: () => void;
}

/** Live operational state. Changed only through the shared reducer, never patched by hand. */
export const useAlarmStore = create<AlarmStore>((set) => ({
  live: emptyState(),
  applySync: (message) =>
    set(({ live }) => ({
      live: pruneResolved(message.kind === 'snapshot' ? liveStateFromJson(message.state) : applyEvents(live, message.events), KEEP_RESOLVED),
    })),
  applyEvent: (event) =>
    set(({ live }) => {
      const next = applyEvent(live, event);
      return next === live ? {} : { live: pruneResolved(next, KEEP_RESOLVED) };
    }),
  reset: () => set({ live: emptyState() }),
}));

export function lastAppliedSeq(): number {
  return useAlarmStore.getState().live.seq;
}
