import type { DomainEvent, NewEvent, User } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { HttpError } from '../../lib/http-error.js';
import { findCommand, recordCommand } from '../../repositories/commands.repository.js';
import { changeWithEvent, lastSeq, lockEventLog } from '../../repositories/events.repository.js';
import type { Deps } from '../deps.js';
import { userActor } from '../sites/site-transaction.js';

/** An event without its actor (the transaction adds the user), each type with its own payload. */
export type WallEvent = NewEvent extends infer E ? (E extends NewEvent ? Omit<E, 'actor'> : never) : never;

export interface WallChange {
  tx: Tx;
  now: Date;
  /** Writes a state change and its event in one statement. */
  append(change: { getSQL(): SQL }, event: WallEvent): Promise<void>;
}

/**
 * One wall change as one transaction holding the event-log lock. With a command id it is
 * idempotent: the same command again changes nothing and answers the first seq. Nothing is
 * written when `change` throws; the events go to the broadcaster after the commit.
 */
export async function runWallChange(
  deps: Deps,
  user: User,
  command: { id: string; name: string } | null,
  change: (wall: WallChange) => Promise<void>,
): Promise<{ seq: number }> {
  const appended: DomainEvent[] = [];
  const result = await deps.db.transaction(async (tx) => {
    await lockEventLog(tx);
    if (command) {
      const done = await findCommand(tx, command.id);
      if (done) {
        if (done.userId !== user.id || done.name !== command.name) throw new HttpError(409, 'conflict', 'commandId: already used for another command');
        return { seq: done.seq };
      }
    }
    const now = deps.clock();
    await change({
      tx,
      now,
      append: async (statement, event) => {
        appended.push(await changeWithEvent(tx, 'live', now, statement, { ...event, actor: userActor(user) } as NewEvent));
      },
    });
    const seq = appended.at(-1)?.seq ?? (await lastSeq(tx, 'live'));
    if (command) await recordCommand(tx, { id: command.id, userId: user.id, name: command.name, seq });
    return { seq };
  });
  if (appended.length > 0) deps.onCommitted(appended);
  return result;
}
