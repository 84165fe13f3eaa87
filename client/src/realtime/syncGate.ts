import type { DomainEvent, SyncMessage } from '@vigil/shared';

export interface SyncTarget {
  sync: (message: SyncMessage) => void;
  event: (event: DomainEvent) => void;
}

export interface SyncGate {
  readonly synced: boolean;
  /** A connection ended: the next one starts unsynced again. */
  reset: () => void;
  sync: (message: SyncMessage) => void;
  event: (event: DomainEvent) => void;
}

/**
 * Orders one connection's messages: live events that arrive before that connection's `sync`
 * wait for it and are applied after it. Events the sync already held are dropped later by
 * the reducer (seq at or below the state's), so nothing is applied twice.
 */
export function createSyncGate(target: SyncTarget): SyncGate {
  let synced = false;
  let waiting: DomainEvent[] = [];
  return {
    get synced() {
      return synced;
    },
    reset() {
      synced = false;
      waiting = [];
    },
    sync(message) {
      target.sync(message);
      synced = true;
      const buffered = waiting;
      waiting = [];
      for (const event of buffered) target.event(event);
    },
    event(event) {
      if (synced) target.event(event);
      else waiting.push(event);
    },
  };
}
