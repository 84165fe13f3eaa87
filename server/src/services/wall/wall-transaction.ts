import type { NewEvent, Stream, User } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import type { LockedTx } from '../../repositories/events.repository.js';
import { runCommand } from '../append.js';
import type { Deps } from '../deps.js';
import { userActor } from '../sites/site-transaction.js';

/** An event without its actor (the transaction adds the user), each type with its own payload. */
export type WallEvent = NewEvent extends infer E ? (E extends NewEvent ? Omit<E, 'actor'> : never) : never;

export interface WallChange {
  tx: LockedTx;
  /** The stream the change acts on: a drill's wall views are its own. */
  stream: Stream;
  now: Date;
  /** Writes a state change and its event in one statement. */
  append(change: { getSQL(): SQL }, event: WallEvent): Promise<void>;
}

/**
 * One wall change through the append path (services/append.ts), with the user as the actor
 * of its events. With a command id it is idempotent: the same command again changes nothing
 * and answers the first seq.
 */
export async function runWallChange(
  deps: Deps,
  user: User,
  command: { id: string; name: string } | null,
  change: (wall: WallChange) => Promise<void>,
): Promise<{ seq: number }> {
  const done = await runCommand(
    deps,
    { stream: deps.stream, command: command ? { ...command, userId: user.id } : undefined },
    (log) =>
      change({
        tx: log.tx,
        stream: log.stream,
        now: log.now,
        append: async (statement, event) => {
          await log.append(statement, { ...event, actor: userActor(user) } as NewEvent);
        },
      }),
  );
  return { seq: done.seq };
}
