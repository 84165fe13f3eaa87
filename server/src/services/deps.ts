import type { DomainEvent } from '@vigil/shared';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';

/** What a use case needs from the world. */
export interface Deps {
  db: Db;
  clock: Clock;
  /** Called after a commit that appended events; wakes the broadcaster. */
  onCommitted: (events: DomainEvent[]) => void;
}
