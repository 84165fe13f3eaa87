import { and, desc, eq, inArray } from 'drizzle-orm';
import { dedupKey, type Stream } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { alarms } from '../db/schema/index.js';

/** The dedupe key of a guard's "guard silent" alarm (source `guard:<id>`, as guard-alarms.ts raises it). */
export const guardSilentKey = (siteId: string, guardId: string): string => dedupKey(siteId, `external:guard:${guardId}`, 'guard_silent');

/**
 * When each of these guards' "guard silent" alarm was last raised or repeated (open or resolved),
 * from the log's alarms table. A node that has just become leader asks before it raises: the
 * old leader may have raised this very silence already.
 */
export async function lastSilenceAlarms(db: Executor, stream: Stream, guards: readonly { id: string; siteId: string }[]): Promise<Map<string, number>> {
  const byKey = new Map(guards.map((guard) => [guardSilentKey(guard.siteId, guard.id), guard.id]));
  const last = new Map<string, number>();
  if (byKey.size === 0) return last;
  const rows = await db
    .select({ dedupKey: alarms.dedupKey, lastAt: alarms.lastAt })
    .from(alarms)
    .where(and(eq(alarms.stream, stream), inArray(alarms.dedupKey, [...byKey.keys()])))
    .orderBy(desc(alarms.lastAt));
  for (const row of rows) {
    const guardId = byKey.get(row.dedupKey);
    if (guardId !== undefined && !last.has(guardId)) last.set(guardId, row.lastAt.getTime());
  }
  return last;
}
