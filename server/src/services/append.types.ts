/**
 * Compile-time proof that the event-log lock is held wherever an event is appended
 * (checked by `pnpm typecheck`; nothing here runs). Each `@ts-expect-error` fails the
 * typecheck the day the line below it starts to compile.
 */
import type { NewEvent } from '@vigil/shared';
import type { SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { changeWithEvent, lockEventLog } from '../repositories/events.repository.js';

export async function appendNeedsTheLock(tx: Tx, change: { getSQL(): SQL }, event: NewEvent): Promise<void> {
  // @ts-expect-error a bare transaction has not taken the event-log lock
  await changeWithEvent(tx, 'live', new Date(), change, event);
  const locked = await lockEventLog(tx);
  await changeWithEvent(locked, 'live', new Date(), change, event);
}
