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

interface ConnectionState extends ConnectionFacts {
  /**
   * The last moment the page was connected and in sync (local ms), while it is not: until then it
   * had every event, so what it shows is the state "as of" that time. Null while live, and before
   * the first sync (nothing is shown yet to be stale).
   */
  liveUntil: number | null;
}

interface ConnectionStore extends ConnectionState {
  set: (facts: Partial<ConnectionFacts>) => void;
  reset: () => void;
}

const initial = (): ConnectionState => ({
  connected: false,
  synced: false,
  everSynced: false,
  browserOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
  downTooLong: false,
  liveUntil: null,
});

export function connectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (!facts.browserOnline || facts.downTooLong) return 'offline';
  if (facts.connected && facts.synced) return 'live';
  return 'reconnecting';
}

/** The next state for new facts: `liveUntil` is set when the page stops being live, cleared when it is again. */
export function nextConnectionState(state: ConnectionState, facts: Partial<ConnectionFacts>, now = Date.now()): ConnectionState {
  const next = { ...state, ...facts };
  const wasLive = connectionStatus(state) === 'live';
  const isLive = connectionStatus(next) === 'live';
  if (isLive) return { ...next, liveUntil: null };
  if (wasLive) return { ...next, liveUntil: now };
  return next;
}

export const useConnection = create<ConnectionStore>((set) => ({
  ...initial(),
  set: (facts) => set((state) => nextConnectionState(state, facts)),
  reset: () => set(initial()),
}));

/** The banner's words: like the status, but "connecting" until the first sync. */
export function connectionLabel(facts: ConnectionFacts): ConnectionStatus | 'connecting' {
  const status = connectionStatus(facts);
  return status === 'reconnecting' && !facts.everSynced ? 'connecting' : status;
}

/** Whether what the page shows may be out of date: it was live and is not now. Dims the map, queue and tiles. */
export function isShowingStale(state: ConnectionState): boolean {
  return state.liveUntil !== null;
}

/**
 * Whether commands can be sent now. Not while disconnected: socket.io would buffer the emit and
 * send it on reconnect, long after its 5 s timeout told the operator it failed. Connected but
 * not yet synced is fine (the server answers each command against its own state).
 */
export function canSendCommands(facts: ConnectionFacts): boolean {
  return facts.connected && facts.browserOnline;
}
