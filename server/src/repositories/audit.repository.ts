import { and, asc, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditKind } from '@vigil/shared';
import type { Executor } from '../db/client.js';
import { events } from '../db/schema/index.js';
import { containsPattern } from './alarms.repository.js';

export type EventRow = typeof events.$inferSelect;

/**
 * What the audit log holds: the `audit` stream, and every event a person caused on any other
 * stream (their commands). The same predicate as the partial index `events_audit_idx`, so the
 * planner walks that index by seq.
 */
const isAuditEntry = sql`(${events.stream} = 'audit' or ${events.actor} ->> 'kind' = 'user')`;

const AUDIT_TYPES: Record<Exclude<AuditKind, 'command'>, string> = {
  login: 'auth.loggedIn',
  login_failed: 'auth.loginFailed',
  lockout: 'auth.lockedOut',
  logout: 'auth.loggedOut',
  admin: 'admin.changed',
  export: 'data.exported',
};

/** The kind of an entry, from its stream and type (the filter's own rule, read back). */
export function auditKindOf(row: Pick<EventRow, 'stream' | 'type'>): AuditKind {
  if (row.stream !== 'audit') return 'command';
  const found = Object.entries(AUDIT_TYPES).find(([, type]) => type === row.type);
  return (found?.[0] as AuditKind | undefined) ?? 'admin';
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  /** A user's id, or text in the actor's name or the attempted login's username. */
  actor?: string;
  kinds?: readonly AuditKind[];
  text?: string;
  /** The sites whose commands the reader sees (null: every site); audit-stream entries belong to none and are always seen. */
  siteIds: readonly string[] | null;
  limit: number;
  /** Keyset by seq: strictly older than `before`, or strictly newer than `after`. */
  before?: number;
  after?: number;
}

function kindCondition(kinds: readonly AuditKind[]): SQL {
  const types = kinds.filter((kind): kind is Exclude<AuditKind, 'command'> => kind !== 'command').map((kind) => AUDIT_TYPES[kind]);
  const parts: SQL[] = [];
  if (types.length > 0) parts.push(and(eq(events.stream, 'audit'), inArray(events.type, types))!);
  if (kinds.includes('command')) parts.push(sql`${events.stream} <> 'audit'`);
  return or(...parts)!;
}

function filterConditions(filter: AuditFilter): (SQL | undefined)[] {
  const actor = filter.actor === undefined ? undefined : containsPattern(filter.actor);
  const text = filter.text === undefined ? undefined : containsPattern(filter.text);
  return [
    isAuditEntry,
    filter.from ? gte(events.at, filter.from) : undefined,
    filter.to ? lt(events.at, filter.to) : undefined,
    filter.kinds ? kindCondition(filter.kinds) : undefined,
    actor === undefined
      ? undefined
      : sql`(${events.actor} ->> 'id' = ${filter.actor} or ${events.actor} ->> 'name' ilike ${actor} escape '\\'
             or ${events.payload} ->> 'username' ilike ${actor} escape '\\')`,
    text === undefined
      ? undefined
      : sql`(${events.type} ilike ${text} escape '\\' or ${events.actor} ->> 'name' ilike ${text} escape '\\'
             or ${events.payload}::text ilike ${text} escape '\\')`,
    filter.siteIds === null
      ? undefined
      : filter.siteIds.length === 0
        ? eq(events.stream, 'audit')
        : or(eq(events.stream, 'audit'), inArray(events.siteId, [...filter.siteIds])),
  ];
}

/**
 * One page of the audit log, newest first by seq. Seq is commit order with no gaps a reader can
 * see, so an entry appended while someone pages is newer than every page already read: walking
 * `before` cursors returns each entry once. `after` reads the page just newer (oldest first, then
 * turned round). One row more than `limit` tells whether more lie beyond.
 */
export async function listAuditPage(db: Executor, filter: AuditFilter): Promise<{ rows: EventRow[]; more: boolean }> {
  const cursor = filter.before !== undefined ? lt(events.seq, filter.before) : filter.after !== undefined ? gt(events.seq, filter.after) : undefined;
  const rows = await db
    .select()
    .from(events)
    .where(and(...filterConditions(filter), cursor))
    .orderBy(filter.after !== undefined ? asc(events.seq) : desc(events.seq))
    .limit(filter.limit + 1);
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  return { rows: filter.after !== undefined ? page.reverse() : page, more };
}
