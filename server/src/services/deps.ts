import type { DomainEvent, Stream } from '@vigil/shared';
import type { Db } from '../db/client.js';
import type { LockedTx } from '../repositories/events.repository.js';
import type { Clock } from '../lib/clock.js';

/** What a use case needs from the world. */
export interface Deps {
  db: Db;
  clock: Clock;
  /**
   * The event stream the caller acts on: `live`, or a drill's. Set at the edge (the app's
   * routes act on `live`; a socket's commands on the stream it connected to), never inside a
   * service.
   */
  stream: Stream;
  /**
   * Several nodes: a command's time (`log.now`, its events' `at`) read from the database's clock
   * inside the append, under the event-log lock, so `at` rises with `seq` whichever node appends.
   * Unset (one node, and tests with a fake `clock`): `clock`.
   */
  logClock?: (tx: LockedTx) => Promise<Date>;
  /** Called after a commit that appended events; wakes the broadcaster. */
  onCommitted: (events: DomainEvent[]) => void;
}

/** The same world, acting on another stream (a socket connected to a drill). */
export const onStream = (deps: Deps, stream: Stream): Deps => (deps.stream === stream ? deps : { ...deps, stream });
