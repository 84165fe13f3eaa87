import { create } from 'zustand';

/** What the connection banner shows (also its `data-status`). */
export type ConnectionStatus = 'live' | 'reconnecting' | 'offline';

/** After this long without a connection the banner says OFFLINE instead of RECONNECTING. */
export const OFFLINE_AFTER_MS = 30_000;

interface ConnectionFacts {
  connected: boolean;
  synced: boolean;
  /** Whether this page has ever been live: before that the banner says "connecting". */
  everSynced: boolean;
  browserOnline: boolean;
  /** The connection has been down for longer than OFFLINE_AFTER_MS. */
  downTooLong: boolean;
}

interface ConnectionStore extends ConnectionFacts {
  set: (facts: Partial<ConnectionFacts>) => void;
  reset: () => void;
}

const initial = (): ConnectionFacts => ({
  connected: false,
  synced: false,
  everSynced: false,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  downTooLong: false,
});

export const useConnection = create<ConnectionStore>((set) => ({
  ...initial(),
  set: (facts) => set(facts),
  reset: () => set(initial()),
}));

export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (!facts.browserOnline || facts.downTooLong) return 'offline';
  if (facts.connected && facts.synced) return 'live';
  return 'reconnecting';
}

/** The banner's words: like the status, but "connecting" until the first sync. */
export function connectionLabel(facts: ConnectionFacts): ConnectionStatus | 'connecting' {
  const status = connectionStatus(facts);
  return status === 'reconnecting' && !facts.everSynced ? 'connecting' : status;
}
